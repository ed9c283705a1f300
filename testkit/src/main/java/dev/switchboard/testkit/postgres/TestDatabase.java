package dev.switchboard.testkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, uniquely named database on the machine's PostgreSQL, dropped on {@link #close()}.
 * Each test run gets its own, so runs never see each other's rows.
 *
 * <p>The server is taken from {@code SWITCHBOARD_TEST_PG_HOST}/{@code _PORT}/{@code _USER}/
 * {@code _PASSWORD}, defaulting to {@code 127.0.0.1:5432}, user {@code postgres}, no password.
 */
public final class TestDatabase implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates a database named {@code prefix_<random>}. */
    public static TestDatabase create(String prefix) {
        String host = env("SWITCHBOARD_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("SWITCHBOARD_TEST_PG_PORT", "5432"));
        String user = env("SWITCHBOARD_TEST_PG_USER", "postgres");
        String password = env("SWITCHBOARD_TEST_PG_PASSWORD", "");
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        TestDatabase db = new TestDatabase(host, port, user, password, name);
        db.execute("CREATE DATABASE " + name);
        return db;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://%s:%d/%s".formatted(host, port, name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Opens a connection to this database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        String adminUrl = "jdbc:postgresql://%s:%d/postgres".formatted(host, port);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at %s:%d refused '%s': %s".formatted(host, port, sql, e.getMessage()), e);
        }
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
