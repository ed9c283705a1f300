/**
 * The target specification as operators write it (YAML file, admin API) and as it is stored:
 * records that mirror the wire format one to one, a validator that names every bad field by its
 * path, and the conversion into the {@code TargetDefinition} delivery uses.
 */
package dev.switchboard.gateway.targets.spec;
