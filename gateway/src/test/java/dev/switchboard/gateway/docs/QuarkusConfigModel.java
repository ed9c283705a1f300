package dev.switchboard.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Quarkus' own description of its configuration: every Quarkus extension jar on the gateway's
 * classpath carries {@code META-INF/quarkus-config-doc/quarkus-config-model.json} with each
 * property's name, default and phase. Map keys are written {@code "..."} there; they are compared
 * as {@code "*"}.
 */
final class QuarkusConfigModel {

    private static final String RESOURCE = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    /** {@code buildTime}: fixed when the application is built (phase BUILD_TIME or BUILD_AND_RUN_TIME_FIXED). */
    record QuarkusProperty(String name, Optional<String> defaultValue, boolean buildTime) {
    }

    private final Map<String, QuarkusProperty> byName;

    private QuarkusConfigModel(Map<String, QuarkusProperty> byName) {
        this.byName = byName;
    }

    static QuarkusConfigModel load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, QuarkusProperty> byName = new HashMap<>();
        try {
            for (URL url : Collections.list(QuarkusConfigModel.class.getClassLoader().getResources(RESOURCE))) {
                try (InputStream in = url.openStream()) {
                    collect(json.readTree(in), byName);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (byName.isEmpty()) {
            throw new IllegalStateException("no " + RESOURCE + " on the test classpath");
        }
        return new QuarkusConfigModel(byName);
    }

    Optional<QuarkusProperty> find(String documentedName) {
        return Optional.ofNullable(byName.get(normalise(documentedName)));
    }

    /** A file or logger name such as {@code quarkus.log} is the start of property names too. */
    boolean isPrefix(String documentedName) {
        String prefix = normalise(documentedName) + ".";
        return byName.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    private static void collect(JsonNode node, Map<String, QuarkusProperty> byName) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.isObject() && path.hasNonNull("property")) {
                String phase = node.path("phase").asText();
                Optional<String> defaultValue = node.hasNonNull("defaultValue")
                        ? Optional.of(node.get("defaultValue").asText()) : Optional.empty();
                boolean buildTime = phase.startsWith("BUILD");
                String name = path.get("property").asText();
                byName.put(normalise(name), new QuarkusProperty(name, defaultValue, buildTime));
            }
            node.forEach(child -> collect(child, byName));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, byName));
        }
    }

    private static String normalise(String name) {
        return name.replaceAll("\"[^\"]*\"", "\"*\"");
    }
}
