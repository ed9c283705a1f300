/** Which subjects belong in a target: realm, IdP links, group paths and a SCIM filter. */
package dev.switchboard.gateway.targets.scope;
