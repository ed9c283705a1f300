/**
 * A fault-injecting HTTP/1.1 reverse proxy: seeded plans of 5xx, 429, resets and delays in front of
 * a real upstream, with counters tests can check against the plan.
 */
package dev.switchboard.testkit.proxy;
