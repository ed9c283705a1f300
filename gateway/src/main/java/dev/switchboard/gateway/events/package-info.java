/** The incoming event stream as the console shows it: every accepted SET, filtered and paged newest first. */
package dev.switchboard.gateway.events;
