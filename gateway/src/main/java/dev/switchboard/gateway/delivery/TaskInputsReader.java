package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.subject.SubjectKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads a task's {@link TaskInputs}: from the claim's joined row, or with a read each when the claim had none. */
@ApplicationScoped
class TaskInputsReader {

    private final SubjectStateReader states;
    private final LinkStore links;

    TaskInputsReader(SubjectStateReader states, LinkStore links) {
        this.states = states;
        this.links = links;
    }

    /** Two round trips on auto-commit connections. */
    TaskInputs read(String targetId, SubjectKey key) {
        return new TaskInputs(states.find(key), links.find(targetId, key));
    }

    /** From the current row of {@link QueueDialect#claimWithInputs()}. */
    TaskInputs joined(ResultSet rs, SubjectKey key) throws SQLException {
        String snapshot = rs.getString("state_snapshot");
        return new TaskInputs(
                snapshot == null ? Optional.empty()
                        : Optional.of(states.state(key, rs.getLong("state_seq"), rs.getBoolean("state_deleted"), snapshot)),
                links.joined(rs, key));
    }
}
