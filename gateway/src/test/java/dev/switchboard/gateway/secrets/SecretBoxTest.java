package dev.switchboard.gateway.secrets;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + i);
        }
        return key;
    }

    private final SecretBox box = new SecretBox(key(1), new SecureRandom());

    @Test
    void sealedValue_opensToTheOriginal() {
        String sealed = box.seal("s3cr3t-ünïcode", "target/a/token");

        assertThat(sealed).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(box.open(sealed, "target/a/token")).isEqualTo("s3cr3t-ünïcode");
    }

    @Test
    void sameValueSealedTwice_givesDifferentText() {
        assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
    }

    @Test
    void wrongKey_failsWithClearErrorNotGarbage() {
        String sealed = box.seal("s3cr3t", "target/a/token");
        SecretBox other = new SecretBox(key(2), new SecureRandom());

        assertThatThrownBy(() -> other.open(sealed, "target/a/token"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("wrong key or tampered value");
    }

    @Test
    void tamperedCiphertext_isRejected() {
        String sealed = box.seal("s3cr3t", "target/a/token");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.open(tampered, "target/a/token"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("wrong key or tampered value");
    }

    @Test
    void valueMovedToAnotherContext_doesNotOpen() {
        String sealed = box.seal("s3cr3t", "target/a/token");

        assertThatThrownBy(() -> box.open(sealed, "target/b/token")).isInstanceOf(SecretException.class);
    }

    @Test
    void truncatedOrForeignText_isRejected() {
        assertThatThrownBy(() -> box.open("v1:AAAA", "c")).isInstanceOf(SecretException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> box.open("plaintext", "c")).isInstanceOf(SecretException.class).hasMessageContaining("unknown format");
    }

    @Test
    void keyOfWrongLength_isRefused() {
        assertThatThrownBy(() -> new SecretBox(new byte[16], new SecureRandom()))
                .isInstanceOf(SecretException.class).hasMessageContaining("32 bytes");
    }
}
