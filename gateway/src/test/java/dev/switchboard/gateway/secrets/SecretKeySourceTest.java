package dev.switchboard.gateway.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretKeySourceTest {

    private final SecretKeySource source = new SecretKeySource(new SecureRandom());

    @Test
    void noKeyConfigured_generatesKeyFileOnceWithMode600(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/secret.key");

        byte[] first = source.resolve(Optional.empty(), file);
        byte[] second = source.resolve(Optional.empty(), file);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void configuredKey_winsOverKeyFile(@TempDir Path dir) {
        byte[] key = new byte[32];
        key[0] = 7;

        byte[] resolved = source.resolve(Optional.of(Base64.getEncoder().encodeToString(key)), dir.resolve("secret.key"));

        assertThat(resolved).isEqualTo(key);
        assertThat(dir.resolve("secret.key")).doesNotExist();
    }

    @Test
    void configuredKeyOfWrongLength_failsNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> source.resolve(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), dir.resolve("k")))
                .isInstanceOf(SecretException.class)
                .hasMessage("switchboard.secrets.key must decode to 32 bytes (AES-256), got 16");
    }
}
