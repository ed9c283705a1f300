/**
 * The transactional outbox: JPA entities, their Liquibase changelog, the store that alone moves rows
 * between states, and the in-JVM signal that wakes waiting polls.
 */
package dev.switchboard.keycloak.outbox;
