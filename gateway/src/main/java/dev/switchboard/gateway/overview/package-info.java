/**
 * The console's overview: one row per target (state, backlog, last-hour rates, last outcomes) and
 * per-minute series for charts, served from a rollup so they stay fast with millions of attempts.
 */
package dev.switchboard.gateway.overview;
