package dev.switchboard.gateway.delivery;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** A fresh in-memory H2 in PostgreSQL mode (the embedded default's settings), migrated by the gateway's Flyway scripts. */
public final class MigratedH2 {

    private MigratedH2() {
    }

    public static JdbcDataSource create() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
