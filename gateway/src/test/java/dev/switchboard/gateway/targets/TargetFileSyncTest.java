package dev.switchboard.gateway.targets;

import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.gateway.secrets.SecretBox;
import dev.switchboard.gateway.targets.spec.AuthSpec;
import dev.switchboard.gateway.targets.spec.TargetSpec;
import dev.switchboard.gateway.targets.store.TargetSecretSealer;
import org.eclipse.microprofile.config.Config;
import dev.switchboard.gateway.targets.spec.FieldError;
import dev.switchboard.gateway.targets.store.StoredTarget;
import dev.switchboard.gateway.targets.store.TargetOrigin;
import dev.switchboard.gateway.targets.store.TargetStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class TargetFileSyncTest {

    private static final String EXTRA = """
              - id: file-extra
                baseUrl: https://extra.example.com/scim/v2
                auth: { type: basic, username: sync, password: pw-Delta-4 }
            """;

    @Inject
    TargetFileSync fileSync;

    @Inject
    TargetLifecycle lifecycle;

    @Inject
    StoredTargetRegistry registry;

    @Inject
    TargetStore store;

    @Inject
    TargetsConfig config;

    @Inject
    TargetCommands commands;

    @Inject
    Config mpConfig;

    private String originalFile() throws Exception {
        return Files.readString(config.file().orElseThrow(), StandardCharsets.UTF_8);
    }

    @AfterEach
    void restoreFileTargets() throws Exception {
        fileSync.apply(originalFile());
        registry.refresh();
    }

    @Test
    void sameFileAppliedAgain_changesNothing() throws Exception {
        long before = store.byId("file-app").orElseThrow().revision();

        TargetFileSync.Result result = fileSync.apply(originalFile());

        assertThat(result).isEqualTo(new TargetFileSync.Result.Applied(0, 0, 0, 1));
        assertThat(store.byId("file-app").orElseThrow().revision()).isEqualTo(before);
    }

    @Test
    void targetAddedThenRemovedFromFile_isCreatedThenDeleted() throws Exception {
        assertThat(fileSync.apply(originalFile() + EXTRA)).isEqualTo(new TargetFileSync.Result.Applied(1, 0, 0, 1));
        registry.refresh();
        assertThat(registry.byId("file-extra").orElseThrow().connection().auth()).isEqualTo(new ScimAuth.Basic("sync", "pw-Delta-4"));
        assertThat(store.byId("file-extra").orElseThrow().origin()).isEqualTo(TargetOrigin.FILE);

        assertThat(fileSync.apply(originalFile())).isEqualTo(new TargetFileSync.Result.Applied(0, 0, 1, 1));
        registry.refresh();
        assertThat(registry.byId("file-extra")).isEmpty();
    }

    @Test
    void fileWithOneBadTarget_isRejectedAsWholeAndNothingChanges() throws Exception {
        String bad = originalFile() + """
                  - id: file-bad
                    baseUrl: https://bad.example.com/scim/v2
                    scope: { filter: 'userName eq' }
                """;

        TargetFileSync.Result result = fileSync.apply(bad);

        assertThat(result).isEqualTo(new TargetFileSync.Result.Rejected(
                java.util.List.of(new FieldError("targets[1].scope.filter", "expected a value at 11"))));
        assertThat(store.byId("file-bad")).isEmpty();
        assertThat(store.byId("file-app")).isPresent();
    }

    @Test
    void fileWithUnknownField_isRejectedNamingItsPath() {
        TargetFileSync.Result result = fileSync.apply("""
                targets:
                  - id: file-typo
                    baseUrl: https://x.example.com/scim/v2
                    scope: { realm: [hub] }
                """);

        assertThat(result).isEqualTo(new TargetFileSync.Result.Rejected(
                java.util.List.of(new FieldError("targets[0].scope.realm", "unknown field"))));
        assertThat(store.byId("file-app")).isPresent();
    }

    @Test
    void rowWrittenByAnotherReplica_appearsAfterScheduledRefresh() {
        StoredTarget other = store.insert("other-replica", TargetOrigin.API,
                """
                {"id":"other-replica","displayName":"o","baseUrl":"http://127.0.0.1:9/scim","profile":"generic",
                 "auth":{"type":"none"},"scope":{},"mapping":{},"deprovision":"deactivate","provisionGroups":false,
                 "rateLimit":{"perSecond":1.0,"burst":1},"concurrency":1,"timeouts":{"connect":"1s","request":"2s"}}
                """, Map.of());
        try {
            assertThat(registry.byId("other-replica")).isEmpty();

            lifecycle.refresh();

            assertThat(registry.byId("other-replica").orElseThrow().revision()).isEqualTo(other.revision());
        } finally {
            store.delete("other-replica");
            registry.refresh();
        }
    }

    @Test
    void secretReferenceToUnsetVariable_isRejectedNamingField() {
        TargetFileSync.Result result = fileSync.apply("""
                targets:
                  - id: file-unset
                    baseUrl: https://x.example.com/scim/v2
                    auth: { type: bearer, token: "${env:SB_TEST_NOT_SET_ANYWHERE}" }
                """);

        assertThat(result).isEqualTo(new TargetFileSync.Result.Rejected(java.util.List.of(new FieldError(
                "targets[0].auth.token", "refers to ${env:SB_TEST_NOT_SET_ANYWHERE}, which is not set"))));
    }

    /** What the gateway would hold after an operator changed switchboard.secrets.key. */
    private static TargetSecretSealer sealerWithAnotherKey() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 9);
        return new TargetSecretSealer(new SecretBox(key, new SecureRandom()));
    }

    @Test
    void keyChanged_fileSyncReSealsItsTargetsInsteadOfFailing() throws Exception {
        TargetFileSync withNewKey = new TargetFileSync(store, sealerWithAnotherKey(), mpConfig);

        String file = originalFile();

        // built by hand, so not a CDI bean: give it the transaction the container would
        assertThat(QuarkusTransaction.requiringNew().call(() -> withNewKey.apply(file)))
                .isEqualTo(new TargetFileSync.Result.Applied(0, 1, 0, 0));
        assertThat(QuarkusTransaction.requiringNew().call(() -> withNewKey.apply(file)))
                .isEqualTo(new TargetFileSync.Result.Applied(0, 0, 0, 1));
    }

    @Test
    void keyChanged_putWithoutSecretIsInvalidAndFullPutRecovers() {
        TargetChange created = commands.create(new TargetSpec("app-rekey", null, "http://127.0.0.1:9/scim", null,
                new AuthSpec("bearer", "tok-Echo-5", null, null, null, null, null, null, null, null),
                null, null, null, null, null, null, null));
        assertThat(created).isInstanceOf(TargetChange.Saved.class);
        TargetCommands withNewKey = new TargetCommands(store, sealerWithAnotherKey());
        TargetSpec withoutToken = new TargetSpec(null, null, "http://127.0.0.1:9/scim", null,
                new AuthSpec("bearer", null, null, null, null, null, null, null, null, null),
                null, null, null, null, null, null, null);
        try {
            assertThat(withNewKey.replace("app-rekey", withoutToken)).isEqualTo(new TargetChange.Invalid(
                    java.util.List.of(new FieldError("auth.token", "is required for type bearer"))));
            assertThat(withNewKey.replace("app-rekey", withoutToken.withAuth(withoutToken.auth()
                    .withSecrets(Map.of("token", "tok-Echo-6"))))).isInstanceOf(TargetChange.Saved.class);
        } finally {
            commands.delete("app-rekey");
        }
    }

    @Test
    void configuredFile_isTheTestResource() {
        assertThat(config.file()).contains(Path.of("src/test/resources/targets/targets-test.yaml"));
    }
}
