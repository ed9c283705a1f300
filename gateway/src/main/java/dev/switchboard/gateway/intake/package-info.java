/**
 * Intake of Security Event Tokens: {@link dev.switchboard.gateway.intake.SetVerifier} decides,
 * {@link dev.switchboard.gateway.intake.SetStore} stores in one transaction (highest sequence wins),
 * and the {@code poll} and {@code push} packages are the two ways SETs arrive. See docs/intake.md.
 */
package dev.switchboard.gateway.intake;
