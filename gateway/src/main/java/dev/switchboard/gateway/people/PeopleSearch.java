package dev.switchboard.gateway.people;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds users in {@code subject_state}. A query is a prefix of the username or the email, matched
 * in lower case (Keycloak stores both lower-cased) through the {@code subject_state_username} and
 * {@code subject_state_email} indexes; results are ordered by username and paged by keyset, so a
 * deep page costs what the first does.
 */
@ApplicationScoped
public class PeopleSearch {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    PeopleSearch(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * @param prefix username or email prefix; empty lists everyone
     * @param idp    only users linked to this identity provider alias
     * @param after  keyset cursor: (username, sourceId, subjectId) of the last user already seen
     */
    @Transactional
    public List<Person> search(Optional<String> prefix, Optional<String> idp, Optional<List<String>> after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT source_id, subject_id, deleted, snapshot FROM subject_state WHERE subject_type = 'USER'");
        List<Object> params = new ArrayList<>();
        prefix.map(p -> likePrefix(p.toLowerCase(Locale.ROOT))).ifPresent(like -> {
            sql.append(" AND (username LIKE ? OR email LIKE ?)");
            params.add(like);
            params.add(like);
        });
        idp.ifPresent(alias -> {
            // narrows in SQL; the exact check on the parsed snapshot follows
            sql.append(" AND snapshot LIKE ?");
            params.add("%\"identityProvider\":\"" + escapeLike(alias) + "\"%");
        });
        after.ifPresent(key -> {
            // the first condition lets the username index start at the cursor; the rest breaks ties exactly
            sql.append(" AND username >= ? AND (username > ? OR (username = ? AND (source_id > ? OR (source_id = ? AND subject_id > ?))))");
            params.addAll(List.of(key.get(0), key.get(0), key.get(0), key.get(1), key.get(1), key.get(2)));
        });
        sql.append(" ORDER BY username, source_id, subject_id LIMIT ?");
        params.add(limit);
        List<Person> people = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Person person = Person.of(rs.getString(1), rs.getString(2), rs.getBoolean(3), parse(rs.getString(4)));
                    if (idp.isEmpty() || person.idps().contains(idp.get())) {
                        people.add(person);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("searching people failed", e);
        }
        return people;
    }

    /** One user, deleted or not. */
    @Transactional
    public Optional<Person> find(String sourceId, String subjectId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT deleted, snapshot FROM subject_state WHERE source_id = ? AND subject_type = 'USER' AND subject_id = ?")) {
            ps.setString(1, sourceId);
            ps.setString(2, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Person.of(sourceId, subjectId, rs.getBoolean(1), parse(rs.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading person failed source=" + sourceId, e);
        }
    }

    private JsonNode parse(String snapshot) {
        try {
            return json.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot is not JSON", e);
        }
    }

    private static String likePrefix(String prefix) {
        return escapeLike(prefix) + "%";
    }

    /** Makes {@code %}, {@code _} and the escape character itself match literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
