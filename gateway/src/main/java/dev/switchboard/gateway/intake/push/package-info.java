/** RFC 8935 push receiver ({@code POST /events/push}). */
package dev.switchboard.gateway.intake.push;
