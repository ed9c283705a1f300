/** Data for measuring the ops console at scale: a gateway database filled as a busy deployment's would be. */
package dev.switchboard.benchmarks.console;
