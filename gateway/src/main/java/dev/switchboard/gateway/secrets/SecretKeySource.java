package dev.switchboard.gateway.secrets;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the key: the configured value if there is one, else the key file, generating that file
 * once so the embedded default works without setup. A generated key is fine for a laptop and wrong
 * for production (lose the file, lose every stored secret), hence the warning.
 */
public final class SecretKeySource {

    private static final Logger LOG = Logger.getLogger(SecretKeySource.class);

    private final SecureRandom random;

    public SecretKeySource(SecureRandom random) {
        this.random = random;
    }

    public byte[] resolve(Optional<String> configuredKey, Path keyFile) {
        if (configuredKey.isPresent()) {
            return decode(configuredKey.get(), "switchboard.secrets.key");
        }
        if (Files.exists(keyFile)) {
            return readKeyFile(keyFile);
        }
        return generateKeyFile(keyFile);
    }

    private byte[] readKeyFile(Path keyFile) {
        try {
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), "key file " + keyFile);
        } catch (IOException e) {
            throw new SecretException("cannot read secret key file path=" + keyFile, e);
        }
    }

    private byte[] generateKeyFile(Path keyFile) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            Path parent = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // another replica or process won the race: use its key, never overwrite it
            return readKeyFile(keyFile);
        } catch (UnsupportedOperationException e) {
            throw new SecretException("cannot create key file with mode 600 on this file system path=" + keyFile, e);
        } catch (IOException e) {
            throw new SecretException("cannot create secret key file path=" + keyFile, e);
        }
        LOG.warnf("secrets.key generated path=%s; production must configure switchboard.secrets.key "
                + "(or provide this file) and back it up: stored secrets cannot be read without it", keyFile);
        return key;
    }

    private static byte[] decode(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SecretException(origin + " is not valid base64", e);
        }
        if (key.length != 32) {
            throw new SecretException("%s must decode to 32 bytes (AES-256), got %d".formatted(origin, key.length));
        }
        return key;
    }
}
