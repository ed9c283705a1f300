/**
 * What every list endpoint of the console API shares: a bounded limit, opaque cursors, time bounds,
 * and a problem+json answer that names the bad parameter.
 */
package dev.switchboard.gateway.listing;
