/** Admin REST API for targets, {@code /api/v1/targets}; errors as RFC 7807 problem documents. */
package dev.switchboard.gateway.targets.api;
