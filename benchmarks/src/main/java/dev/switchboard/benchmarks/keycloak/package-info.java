/**
 * What the Keycloak extension costs Keycloak, and how fast a burst of admin changes reaches two apps,
 * measured against a real Keycloak with the built provider jar (see docs/benchmarks.md, "Keycloak
 * extension").
 */
package dev.switchboard.benchmarks.keycloak;
