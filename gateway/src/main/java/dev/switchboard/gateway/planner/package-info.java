/**
 * Decides, without doing any I/O, what one target needs so that it matches the newest state of
 * one subject: create, update, deprovision, membership changes, or nothing at all.
 */
package dev.switchboard.gateway.planner;
