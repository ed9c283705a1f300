package dev.switchboard.gateway.intake;

import dev.switchboard.gateway.subject.SubjectChanged;
import dev.switchboard.gateway.subject.SubjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores verified SETs: the event row, the subject's newest state, and (through the synchronous
 * {@link SubjectChanged} observers) the downstream work, all in one transaction. Only after it
 * commits may the SETs be acknowledged.
 */
@ApplicationScoped
public class SetStore {

    private static final Logger LOG = Logger.getLogger(SetStore.class);

    private final InboundEventStore events;
    private final SubjectStore subjects;
    private final Event<SubjectChanged> subjectChanged;
    private final Clock clock;

    SetStore(InboundEventStore events, SubjectStore subjects, Event<SubjectChanged> subjectChanged, Clock clock) {
        this.events = events;
        this.subjects = subjects;
        this.subjectChanged = subjectChanged;
        this.clock = clock;
    }

    /**
     * Stores a batch in {@code seq} order, so a subject changed twice in one batch ends at its newest state.
     *
     * @return each SET's {@code jti} with what storing it did, in the order stored
     */
    @Transactional
    public Map<String, Acceptance> store(List<VerifiedSet> sets, Channel channel) {
        Instant now = clock.instant();
        Map<String, Acceptance> result = new LinkedHashMap<>();
        sets.stream()
                .sorted(Comparator.comparingLong(VerifiedSet::seq))
                .forEach(set -> result.put(set.jti(), storeOne(set, channel, now)));
        return result;
    }

    private Acceptance storeOne(VerifiedSet set, Channel channel, Instant now) {
        if (!events.recordIfNew(set, channel, now)) {
            LOG.debugf("event=set_replayed source=%s jti=%s", set.subject().sourceId(), set.jti());
            return Acceptance.REPLAYED;
        }
        if (subjects.applyIfNewer(set.subject(), set.seq(), set.snapshot(), now)) {
            subjectChanged.fire(new SubjectChanged(set.subject(), set.seq(), set.snapshot()));
            LOG.debugf("event=set_applied source=%s jti=%s seq=%d subject_type=%s subject_id=%s",
                    set.subject().sourceId(), set.jti(), set.seq(), set.subject().type(), set.subject().subjectId());
            return Acceptance.APPLIED;
        }
        events.markSuperseded(set.subject().sourceId(), set.jti());
        LOG.debugf("event=set_superseded source=%s jti=%s seq=%d", set.subject().sourceId(), set.jti(), set.seq());
        return Acceptance.SUPERSEDED;
    }
}
