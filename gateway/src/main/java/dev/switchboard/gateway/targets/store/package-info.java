/** Persistence of targets: table {@code target}, secrets sealed in their own column. */
package dev.switchboard.gateway.targets.store;
