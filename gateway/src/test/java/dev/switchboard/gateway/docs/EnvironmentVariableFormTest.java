package dev.switchboard.gateway.docs;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/configuration.md says about environment variables, tried on the gateway's real source
 * mapping with SmallRye Config as Quarkus runs it: the upper-case form sets a property, a source
 * can be declared by environment variables alone when its name has no dash, and a dashed source
 * declared in a properties file still takes single values from the environment.
 */
class EnvironmentVariableFormTest {

    private static final Class<?> SOURCES = sourcesConfig();

    @Test
    void upperCaseFormDeclaresASourceAndSetsItsValues() throws ReflectiveOperationException {
        Map<String, Object> sources = sources(Map.of(), Map.of(
                "SWITCHBOARD_SOURCES_HUB_ISSUER", "https://kc.example.org/realms/hub",
                "SWITCHBOARD_SOURCES_HUB_MAX_EVENTS", "7"));
        assertThat(sources).containsOnlyKeys("hub");
        assertThat(call(sources.get("hub"), "issuer")).isEqualTo("https://kc.example.org/realms/hub");
        assertThat(call(sources.get("hub"), "maxEvents")).isEqualTo(7);
    }

    @Test
    void sourceWithADashCannotBeDeclaredByEnvironmentAlone() throws ReflectiveOperationException {
        Map<String, Object> sources = sources(Map.of(), Map.of(
                "SWITCHBOARD_SOURCES_HUB_ISSUER", "https://kc.example.org/realms/hub",
                "SWITCHBOARD_SOURCES_CORP_HUB_ISSUER", "https://kc.example.org/realms/corp"));
        assertThat(sources).doesNotContainKey("corp-hub");
    }

    @Test
    void sourceWithADashDeclaredInAFileTakesValuesFromTheEnvironment() throws ReflectiveOperationException {
        Map<String, Object> sources = sources(
                Map.of("switchboard.sources.corp-hub.issuer", "https://kc.example.org/realms/corp"),
                Map.of("SWITCHBOARD_SOURCES_CORP_HUB_CLIENT_ID", "switchboard-gateway"));
        assertThat(sources).containsOnlyKeys("corp-hub");
        assertThat(call(sources.get("corp-hub"), "clientId")).isEqualTo(Optional.of("switchboard-gateway"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sources(Map<String, String> file, Map<String, String> environment)
            throws ReflectiveOperationException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(SOURCES)
                .withSources(new PropertiesConfigSource(file, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        return (Map<String, Object>) call(config.getConfigMapping(SOURCES), "all");
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    /** Package-private in {@code source}: it is the gateway's own mapping, not a test copy. */
    private static Class<?> sourcesConfig() {
        try {
            return Class.forName("dev.switchboard.gateway.source.SourcesConfig");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
