package dev.switchboard.gateway.events;

import dev.switchboard.gateway.delivery.DeliveryTestProfile;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class EventsResourceTest {

    private static final String CREATE = "urn:ietf:params:scim:event:prov:create:full";
    private static final String DELETE = "urn:ietf:params:scim:event:prov:delete";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    /** Each test reads its own source, so rows other tests stored never match. */
    private String source;

    @BeforeEach
    void ownSource() {
        source = "ev-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores an accepted SET as intake would have; the stream only reads these rows. */
    private void stored(String subjectId, String type, long seq, Instant receivedAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (source_id, jti, seq, subject_type, subject_id, event_type, outcome, channel, iat,
                                           received_at, token)
                VALUES (?, ?, ?, 'USER', ?, ?, 'APPLIED', 'POLL', ?, ?, 'header.payload.signature')""")) {
            ps.setString(1, source);
            ps.setString(2, UUID.randomUUID().toString());
            ps.setLong(3, seq);
            ps.setString(4, subjectId);
            ps.setString(5, type);
            ps.setObject(6, receivedAt.atOffset(ZoneOffset.UTC));
            ps.setObject(7, receivedAt.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonPath events(Map<String, ?> params) {
        return given().queryParam("realm", source).queryParams(params).get("/api/v1/events").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void stream_isNewestFirst_andFiltersCombine() {
        stored("alice", CREATE, 1, T0);
        stored("bob", CREATE, 2, T0.plusSeconds(60));
        stored("alice", DELETE, 3, T0.plusSeconds(120));

        JsonPath all = events(Map.of());
        assertThat(all.getList("events.seq", Long.class)).containsExactly(3L, 2L, 1L);
        assertThat(all.getString("events[0].typeName")).isEqualTo("delete");
        assertThat(all.getString("events[0].type")).isEqualTo(DELETE);
        assertThat(all.getString("events[0].channel")).isEqualTo("POLL");
        assertThat(all.getString("events[0].receivedAt")).isEqualTo("2026-03-01T10:02:00Z");
        assertThat(all.getMap("events[0]")).doesNotContainKey("token");

        assertThat(events(Map.of("subject", "alice")).getList("events.seq", Long.class)).containsExactly(3L, 1L);
        assertThat(events(Map.of("type", "create")).getList("events.seq", Long.class)).containsExactly(2L, 1L);
        assertThat(events(Map.of("subject", "alice", "type", CREATE)).getList("events.seq", Long.class)).containsExactly(1L);
        assertThat(events(Map.of("since", "2026-03-01T10:01:00Z", "until", "2026-03-01T10:02:00Z"))
                .getList("events.seq", Long.class)).containsExactly(2L);
    }

    @Test
    void cursor_continuesWhereThePageEnded() {
        for (int seq = 1; seq <= 5; seq++) {
            stored("carol", CREATE, seq, T0.plusSeconds(seq));
        }
        JsonPath first = events(Map.of("limit", 3));
        JsonPath rest = events(Map.of("limit", 3, "cursor", first.getString("nextCursor")));

        assertThat(first.getList("events.seq", Long.class)).containsExactly(5L, 4L, 3L);
        assertThat(rest.getList("events.seq", Long.class)).containsExactly(2L, 1L);
        assertThat(rest.getString("nextCursor")).isNull();
    }

    @Test
    void badParameters_areNamedInA400() {
        given().queryParam("type", "rename").get("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("type"));
        given().queryParam("since", "yesterday").get("/api/v1/events").then().statusCode(400).body("detail", containsString("since"));
        given().queryParam("limit", 0).get("/api/v1/events").then().statusCode(400).body("detail", containsString("limit"));
    }
}
