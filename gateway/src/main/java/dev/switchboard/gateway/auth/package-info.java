/**
 * Who may use the admin API and the console: the auth mode, the viewer and admin roles, the CSRF
 * token of cookie sessions, and the refusal to run an open admin API off loopback.
 */
package dev.switchboard.gateway.auth;
