package dev.switchboard.keycloak.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The hash of the last snapshot put into the outbox for a subject. It tells "first time seen"
 * ({@code create:full}) from "changed" ({@code put:full}), and lets frequent triggers such as a
 * brokered login, which re-imports IdP attributes every time, emit nothing when nothing changed.
 * Keyed by {@code U:<id>} / {@code G:<id>}; {@code REALM_ID} serves cleanup when a realm is removed.
 */
@Entity(name = "SwitchboardSubjectState")
@Table(name = "SWB_SUBJECT_STATE")
public class SubjectStateEntity {

    @Id
    @Column(name = "SUBJECT_KEY", length = 40)
    private String subjectKey;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Column(name = "SNAPSHOT_HASH", nullable = false, length = 64)
    private String snapshotHash;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    protected SubjectStateEntity() {
        // for JPA
    }

    SubjectStateEntity(String subjectKey, String realmId, String snapshotHash, long updatedAt) {
        this.subjectKey = subjectKey;
        this.realmId = realmId;
        this.snapshotHash = snapshotHash;
        this.updatedAt = updatedAt;
    }

    static String key(SubjectType type, String id) {
        return (type == SubjectType.USER ? "U:" : "G:") + id;
    }

    String getSnapshotHash() {
        return snapshotHash;
    }

    void recordSnapshot(String hash, long now) {
        this.snapshotHash = hash;
        this.updatedAt = now;
    }
}
