package dev.switchboard.gateway.secrets;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals and opens single values with AES-256-GCM. Every value gets its own random 96-bit nonce, so
 * sealing the same secret twice never gives the same text. The caller's {@code context} (say
 * {@code target/app-a/clientSecret}) is bound as associated data: a sealed value copied into another
 * row or field fails to open instead of leaking into the wrong place.
 *
 * <p>Format: {@code v1:} + base64(nonce || ciphertext || tag). The prefix leaves room for a key
 * rotation scheme later without guessing formats.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new SecretException("secret key must be %d bytes (AES-256), got %d".formatted(KEY_BYTES, key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot seal secret context=" + context, e);
        }
    }

    /** @throws SecretException when the key is wrong or the value was altered; never returns garbage */
    public String open(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new SecretException("sealed secret has an unknown format context=" + context);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretException("sealed secret is not valid base64 context=" + context, e);
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretException("sealed secret is truncated context=" + context);
        }
        byte[] nonce = Arrays.copyOfRange(raw, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretException("secret cannot be decrypted: wrong key or tampered value context=" + context, e);
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot open secret context=" + context, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
