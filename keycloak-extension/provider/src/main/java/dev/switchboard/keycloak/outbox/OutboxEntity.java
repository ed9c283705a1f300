package dev.switchboard.keycloak.outbox;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One captured change, waiting to be fetched by the gateway.
 *
 * <p>The row stores the subject's snapshot, not a signed token: a poll signs the SET each time it
 * serves the row. Signing at serve rather than at capture keeps key access and JWS work off the
 * login and admin request path, gives {@code iss} the issuer URL under which the gateway actually
 * reaches Keycloak, and makes {@code iat} the hand-over time, so a backlog built while the gateway
 * was down is never refused by its freshness window. Not storing the token keeps a poll read-only
 * (no per-row update, no second tuple per row in the database) and means a row served again after
 * a key rotation is signed with the key the realm publishes now, not one it may have removed; the
 * {@code jti} stays the row's, so the receiver's deduplication is unaffected.
 *
 * <p>{@code SEQ} is a database identity: assigned by the database at insert, it is monotonic across
 * cluster nodes (no per-node id blocks), and it doubles as the {@code seq} claim. Indexes:
 * {@code (REALM_ID, STATE, SEQ)} serves the poll query "pending rows of a realm in order"; the unique
 * {@code JTI} serves ack/setErrs lookups and guarantees no two rows share an acknowledgement key.
 */
@Entity(name = "SwitchboardOutbox")
@Table(name = "SWB_OUTBOX")
public class OutboxEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "SUBJECT_TYPE", nullable = false, length = 8)
    private SubjectType subjectType;

    @Column(name = "SUBJECT_ID", nullable = false, length = 36)
    private String subjectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "EVENT_TYPE", nullable = false, length = 8)
    private EventType eventType;

    @Column(name = "JTI", nullable = false, length = 36, unique = true)
    private String jti;

    /** Keycloak event or admin event id that caused the row; absent for provider events. */
    @Column(name = "TXN", length = 64)
    private String txn;

    @Column(name = "SNAPSHOT", nullable = false)
    private String snapshot;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", nullable = false, length = 8)
    private OutboxState state;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "DEAD_AT")
    private Long deadAt;

    /** The receiver's setErrs entry, kept for whoever inspects dead rows; absent unless DEAD. */
    @Column(name = "ERROR", length = 1024)
    private String error;

    protected OutboxEntity() {
        // for JPA
    }

    OutboxEntity(String realmId, SubjectType subjectType, String subjectId, EventType eventType,
                 String jti, Optional<String> txn, String snapshot, long createdAt) {
        this.realmId = realmId;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.eventType = eventType;
        this.jti = jti;
        this.txn = txn.orElse(null);
        this.snapshot = snapshot;
        this.state = OutboxState.PENDING;
        this.createdAt = createdAt;
    }

    public Long getSeq() {
        return seq;
    }

    public String getRealmId() {
        return realmId;
    }

    public SubjectType getSubjectType() {
        return subjectType;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public EventType getEventType() {
        return eventType;
    }

    public String getJti() {
        return jti;
    }

    public Optional<String> getTxn() {
        return Optional.ofNullable(txn);
    }

    public String getSnapshot() {
        return snapshot;
    }

    public OutboxState getState() {
        return state;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
