/** Switchboard gateway: verified events in, durable ordered SCIM 2.0 fan-out out. */
package dev.switchboard.gateway;
