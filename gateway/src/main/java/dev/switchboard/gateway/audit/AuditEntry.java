package dev.switchboard.gateway.audit;

import java.time.Instant;

/**
 * One admin action.
 *
 * @param actor   {@code preferred_username}, else {@code sub}; {@code anonymous} when auth is off or the caller was not signed in
 * @param action  the operation, as {@code METHOD /path/{template}}
 * @param object  what it acted on: the path parameters ({@code targetId=crm}), else the path
 * @param outcome {@code succeeded}, {@code denied} (401/403), {@code rejected} (other 4xx) or {@code failed} (5xx)
 * @param details the HTTP status and query parameters; never a request body, which may hold secrets
 */
public record AuditEntry(Instant at, String actor, String action, String object, String outcome, String details) {

    static String outcomeOf(int status) {
        if (status < 400) {
            return "succeeded";
        }
        if (status == 401 || status == 403) {
            return "denied";
        }
        return status < 500 ? "rejected" : "failed";
    }
}
