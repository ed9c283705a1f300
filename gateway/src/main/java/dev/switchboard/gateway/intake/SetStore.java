package dev.switchboard.gateway.intake;

import dev.switchboard.gateway.intake.InboundEventStore.EventId;
import dev.switchboard.gateway.subject.SubjectChanged;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectStore;
import dev.switchboard.gateway.subject.SubjectsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores verified SETs: the event rows, the subjects' newest states, and (through the synchronous
 * {@link SubjectsChanged} observers) the downstream work, all in one transaction. Only after it
 * commits may the SETs be acknowledged. A batch is stored set-wise (a few statements per batch,
 * not a few per SET): that is what lets intake keep up with a transmitter's backlog.
 */
@ApplicationScoped
public class SetStore {

    private static final Logger LOG = Logger.getLogger(SetStore.class);

    private final InboundEventStore events;
    private final SubjectStore subjects;
    private final Event<SubjectsChanged> subjectsChanged;
    private final Clock clock;

    SetStore(InboundEventStore events, SubjectStore subjects, Event<SubjectsChanged> subjectsChanged, Clock clock) {
        this.events = events;
        this.subjects = subjects;
        this.subjectsChanged = subjectsChanged;
        this.clock = clock;
    }

    /**
     * Stores a batch. A SET whose {@code jti} is already stored is a replay and writes nothing; of
     * the new SETs of one subject only the highest {@code seq} can move the subject (and does, if it
     * is higher than the stored one); every other new SET is stored as superseded.
     *
     * @return each SET's {@code jti} with what storing it did, in {@code seq} order
     */
    @Transactional
    public Map<String, Acceptance> store(List<VerifiedSet> sets, Channel channel) {
        Instant now = clock.instant();
        Map<EventId, VerifiedSet> byId = new LinkedHashMap<>();
        sets.stream().sorted(Comparator.comparingLong(VerifiedSet::seq)).forEach(set -> byId.putIfAbsent(EventId.of(set), set));
        List<VerifiedSet> ordered = List.copyOf(byId.values());

        Set<EventId> fresh = events.recordNew(ordered, channel, now);
        Map<SubjectKey, VerifiedSet> newest = new LinkedHashMap<>();
        ordered.stream().filter(set -> fresh.contains(EventId.of(set))).forEach(set -> newest.put(set.subject(), set));
        Set<SubjectKey> moved = subjects.applyNewest(newest.values().stream()
                .map(set -> new SubjectStore.Change(set.subject(), set.seq(), set.snapshot())).toList(), now);

        Map<String, Acceptance> result = new LinkedHashMap<>();
        List<EventId> superseded = new ArrayList<>();
        List<SubjectChanged> changes = new ArrayList<>();
        for (VerifiedSet set : ordered) {
            EventId id = EventId.of(set);
            Acceptance acceptance;
            if (!fresh.contains(id)) {
                acceptance = Acceptance.REPLAYED;
            } else if (newest.get(set.subject()) == set && moved.contains(set.subject())) {
                acceptance = Acceptance.APPLIED;
                changes.add(new SubjectChanged(set.subject(), set.seq(), set.snapshot()));
            } else {
                acceptance = Acceptance.SUPERSEDED;
                superseded.add(id);
            }
            result.put(set.jti(), acceptance);
            LOG.debugf("event=set_%s source=%s jti=%s seq=%d subject_type=%s subject_id=%s", acceptance.name().toLowerCase(),
                    set.subject().sourceId(), set.jti(), set.seq(), set.subject().type(), set.subject().subjectId());
        }
        events.markSuperseded(superseded);
        if (!changes.isEmpty()) {
            subjectsChanged.fire(new SubjectsChanged(changes));
        }
        return result;
    }
}
