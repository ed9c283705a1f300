/**
 * Benchmark harnesses for the gateway: main programs, not tests, that start the packaged gateway
 * on PostgreSQL with in-memory SCIM sinks and print their figures as tables (docs/benchmarks.md).
 */
package dev.switchboard.benchmarks;
