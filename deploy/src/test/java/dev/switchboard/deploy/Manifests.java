package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The documents of a rendered Kustomize build, with look-ups by kind and name. */
record Manifests(List<JsonNode> documents) {

    static final ObjectMapper YAML = new YAMLMapper();

    /** A container together with the workload that runs it. */
    record Container(String workload, JsonNode spec) {

        String name() {
            return spec.path("name").asText();
        }

        List<JsonNode> env() {
            List<JsonNode> env = new ArrayList<>();
            spec.path("env").forEach(env::add);
            return env;
        }

        List<String> envNames() {
            return env().stream().map(e -> e.path("name").asText()).toList();
        }
    }

    static Manifests parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("rendered manifests are not YAML: " + e.getMessage(), e);
        }
        return new Manifests(List.copyOf(documents));
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no %s named %s in the rendered manifests".formatted(kind, name)));
    }

    /** Every container and init container of every Deployment and StatefulSet. */
    List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        for (JsonNode workload : documents) {
            String kind = workload.path("kind").asText();
            if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
                continue;
            }
            JsonNode pod = workload.path("spec").path("template").path("spec");
            String id = kind + "/" + workload.path("metadata").path("name").asText();
            pod.path("initContainers").forEach(c -> containers.add(new Container(id, c)));
            pod.path("containers").forEach(c -> containers.add(new Container(id, c)));
        }
        return containers;
    }

    Container container(String workloadKind, String workloadName, String containerName) {
        String id = workloadKind + "/" + workloadName;
        return containers().stream()
                .filter(c -> c.workload().equals(id) && c.name().equals(containerName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container %s in %s".formatted(containerName, id)));
    }

    /** The value {@code name} resolves to in {@code container}; fails when unset or a secret. */
    String envValue(Container container, String name) {
        return container.env().stream()
                .filter(e -> e.path("name").asText().equals(name))
                .findFirst()
                .flatMap(this::plainValue)
                .orElseThrow(() -> new AssertionError("%s has no plain value for %s".formatted(container.workload(), name)));
    }

    /** The value a ConfigMap-backed or literal env entry resolves to; empty for secrets. */
    Optional<String> plainValue(JsonNode envEntry) {
        if (envEntry.has("value")) {
            return Optional.of(envEntry.path("value").asText());
        }
        JsonNode ref = envEntry.path("valueFrom").path("configMapKeyRef");
        if (ref.isMissingNode()) {
            return Optional.empty();
        }
        return find("ConfigMap", ref.path("name").asText())
                .map(map -> map.path("data").path(ref.path("key").asText()))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }
}
