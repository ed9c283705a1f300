package dev.switchboard.gateway.docs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The gateway's {@code application.properties} as shipped: what a profile ({@code pg} for the
 * PostgreSQL build) sets, falling back to the unprofiled value as Quarkus does.
 */
final class ApplicationProperties {

    private final Properties properties;

    private ApplicationProperties(Properties properties) {
        this.properties = properties;
    }

    static ApplicationProperties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApplicationProperties(properties);
    }

    /** The value for a profile ({@code ""} for none), raw: {@code ${...}} expressions are kept. */
    Optional<String> value(String profile, String name) {
        if (!profile.isEmpty()) {
            String profiled = properties.getProperty("%" + profile + "." + name);
            if (profiled != null) {
                return Optional.of(profiled);
            }
        }
        return Optional.ofNullable(properties.getProperty(name));
    }
}
