package dev.switchboard.gateway.targets.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default runs on H2 in PostgreSQL mode, while the Quarkus tests run on PostgreSQL:
 * this checks that V3 and every statement of the store also work on H2 with the gateway's URL flags.
 */
class TargetStoreH2Test {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private TargetStore store;

    @BeforeEach
    void createSchema() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V3__targets.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            for (String sql : migration.replaceAll("(?m)--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
        store = new TargetStore(h2, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void insertUpdateDelete_workOnH2WithFreshRevisions() {
        StoredTarget inserted = store.insert("app-a", TargetOrigin.API, "{\"id\":\"app-a\"}", Map.of("token", "v1:sealed"));
        StoredTarget updated = store.update(inserted, TargetOrigin.FILE, "{\"id\":\"app-a\",\"x\":1}", Map.of());

        assertThat(updated.revision()).isGreaterThan(inserted.revision());
        StoredTarget read = store.byId("app-a").orElseThrow();
        assertThat(read.origin()).isEqualTo(TargetOrigin.FILE);
        assertThat(read.specJson()).isEqualTo("{\"id\":\"app-a\",\"x\":1}");
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(store.all()).extracting(StoredTarget::id).containsExactly("app-a");

        store.lockForFileSync();
        String before = store.fingerprint();
        assertThat(store.delete("app-a")).isTrue();
        assertThat(store.fingerprint()).isNotEqualTo(before);
        assertThat(store.byId("app-a")).isEmpty();
    }
}
