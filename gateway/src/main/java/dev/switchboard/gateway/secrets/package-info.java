/**
 * Secrets at rest: values (tokens, passwords, private keys) are sealed with AES-256-GCM before
 * they touch the database, and opened only in memory when a target is built.
 */
package dev.switchboard.gateway.secrets;
