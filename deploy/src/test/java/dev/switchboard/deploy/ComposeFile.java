package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/** {@code deploy/compose/compose.yaml}, parsed. */
final class ComposeFile {

    private ComposeFile() {
    }

    static JsonNode read() {
        try {
            return Manifests.YAML.readTree(DeployTree.COMPOSE.toFile());
        } catch (IOException e) {
            throw new AssertionError(DeployTree.COMPOSE + " does not parse: " + e.getMessage(), e);
        }
    }
}
