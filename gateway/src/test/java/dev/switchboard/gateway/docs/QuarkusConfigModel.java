package dev.switchboard.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Quarkus' own description of its configuration: every Quarkus extension jar on the gateway's
 * classpath carries {@code META-INF/quarkus-config-doc/quarkus-config-model.json} with each
 * property's name, default and phase (build-time-only ones in the matching {@code -deployment} jar). Map keys are written {@code "..."} there; they are compared
 * as {@code "*"}.
 */
final class QuarkusConfigModel {

    private static final String RESOURCE = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    /** Every Quarkus extension's runtime jar has it. */
    private static final String EXTENSION_MARKER = "META-INF/quarkus-extension.properties";
    /** {@code jar:file:<repo>/io/quarkus/<artifact>/<version>/<artifact>-<version>.jar!/...} */
    private static final Pattern MAVEN_JAR = Pattern.compile("jar:file:(.*/io/quarkus/)([^/]+)/([^/]+)/\\2-\\3\\.jar!/.*");

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
            ClassLoader loader = QuarkusConfigModel.class.getClassLoader();
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                try (InputStream in = url.openStream()) {
                    collect(json.readTree(in), byName, false);
                }
            }
            for (URL url : Collections.list(loader.getResources(EXTENSION_MARKER))) {
                Optional<Path> deployment = deploymentJar(url);
                if (deployment.isPresent()) {
                    try (ZipFile jar = new ZipFile(deployment.get().toFile())) {
                        ZipEntry entry = jar.getEntry(RESOURCE);
                        if (entry != null) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                collect(json.readTree(in), byName, true);
                            }
                        }
                    }
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

    /**
     * Build-time-only settings (container image, Jib, packaging) live in each extension's
     * {@code -deployment} jar, which is not on the test classpath but sits next to the runtime jar
     * in the local Maven repository (the Quarkus build resolved it there).
     */
    private static Optional<Path> deploymentJar(URL runtimeResource) {
        String url = runtimeResource.toString();
        Matcher m = MAVEN_JAR.matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        String artifact = m.group(2) + "-deployment";
        Path jar = Path.of(URI.create("file:" + m.group(1) + artifact + "/" + m.group(3) + "/" + artifact + "-" + m.group(3) + ".jar"));
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    private static void collect(JsonNode node, Map<String, QuarkusProperty> byName, boolean deploymentOnly) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.isObject() && path.hasNonNull("property")) {
                String phase = node.path("phase").asText();
                Optional<String> defaultValue = node.hasNonNull("defaultValue")
                        ? Optional.of(node.get("defaultValue").asText()) : Optional.empty();
                boolean buildTime = deploymentOnly || phase.startsWith("BUILD");
                String name = path.get("property").asText();
                byName.putIfAbsent(normalise(name), new QuarkusProperty(name, defaultValue, buildTime));
            }
            node.forEach(child -> collect(child, byName, deploymentOnly));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, byName, deploymentOnly));
        }
    }

    private static String normalise(String name) {
        return name.replaceAll("\"[^\"]*\"", "\"*\"");
    }
}
