package dev.switchboard.gateway.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Where the key that seals secrets comes from. */
@ConfigMapping(prefix = "switchboard.secrets")
public interface SecretsConfig {

    /** Base64 of 32 random bytes. Production sets this (or mounts the key file) explicitly. */
    Optional<String> key();

    /** Used only when {@link #key()} is unset; generated once (mode 600) if it does not exist. */
    @WithDefault("./data/secret.key")
    Path keyFile();
}
