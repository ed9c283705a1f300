package dev.switchboard.gateway.people;

import dev.switchboard.gateway.events.EventView;
import dev.switchboard.gateway.ops.OpsViews;

import java.util.List;

/** One person: who they are, where they are provisioned, and what happened to them lately. */
public record PersonDetail(String sourceId, String subjectId, String userName, String email, String displayName,
                           List<String> idps, boolean active, List<PersonTarget> targets, List<EventView> events) {

    static PersonDetail of(Person person, List<PersonTarget> targets, List<EventView> events) {
        return new PersonDetail(person.sourceId(), person.subjectId(), person.userName(), person.email(),
                person.displayName(), person.idps(), person.active(), targets, events);
    }

    /**
     * The person at one target.
     *
     * @param inScope     whether the target's scope wants them there now
     * @param remoteId    the account's id in the app, when one was written
     * @param state       the link's state ({@code ACTIVE}, {@code DEACTIVATED}, {@code DELETED}) or {@code NOT_PROVISIONED}
     * @param pending     work is queued for them
     * @param deadLetter  their work is a dead letter; {@code taskId} retries or discards it
     * @param taskId      the queued task's id, for the dead-letter actions; null without one
     * @param lastError   the queued task's last error, if it failed before
     */
    public record PersonTarget(String targetId, String name, boolean inScope, String remoteId, String state, boolean pending,
                               boolean deadLetter, Long taskId, String lastError, List<OpsViews.AttemptView> lastAttempts) {
    }
}
