package dev.switchboard.gateway.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.security.SecureRandom;

/**
 * One {@link SecretBox} per process, keyed from {@link SecretsConfig}. Built at start, so a bad key
 * (or the generated-key warning) shows up when the gateway starts, not at the first secret.
 */
@ApplicationScoped
public class SecretBoxProducer {

    @Produces
    @Singleton
    @Startup
    SecretBox secretBox(SecretsConfig config) {
        SecureRandom random = new SecureRandom();
        byte[] key = new SecretKeySource(random).resolve(config.key(), config.keyFile());
        return new SecretBox(key, random);
    }
}
