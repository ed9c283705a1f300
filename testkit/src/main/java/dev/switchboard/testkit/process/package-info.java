/**
 * External processes for tests: start with env and log file, wait for HTTP readiness, stop the
 * whole process tree or kill it to simulate a crash; free loopback ports.
 */
package dev.switchboard.testkit.process;
