/**
 * Downstream apps ("targets"): the contracts delivery uses ({@link dev.switchboard.gateway.targets.TargetRegistry},
 * {@link dev.switchboard.gateway.targets.TargetDefinition}) and the machinery behind them: the
 * targets file and admin API as sources of truth, the store, and the in-memory registry.
 */
package dev.switchboard.gateway.targets;
