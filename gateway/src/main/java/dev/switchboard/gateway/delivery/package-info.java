/**
 * Durable, ordered, idempotent SCIM fan-out: the work queue in the database, the worker that
 * claims and executes it, and the policies (retry, circuit breaker, rate limit) around it.
 */
package dev.switchboard.gateway.delivery;
