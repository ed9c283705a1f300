/** The attempt log: every remote call with its status, latency and redacted excerpts. */
package dev.switchboard.gateway.attempts;
