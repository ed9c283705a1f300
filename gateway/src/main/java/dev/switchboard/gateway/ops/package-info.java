/** The delivery part of the admin API: target health and backlog, pause, dead letters, attempts, per-subject status. */
package dev.switchboard.gateway.ops;
