/**
 * People across all apps: search by username, email or IdP; for one person, where they are
 * provisioned and how, their last events and attempts; and provision-on-demand.
 */
package dev.switchboard.gateway.people;
