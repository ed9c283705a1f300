package dev.switchboard.gateway.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;

/** One {@link SecretBox} per process, keyed from {@link SecretsConfig}. */
@ApplicationScoped
public class SecretBoxProducer {

    @Produces
    @Singleton
    SecretBox secretBox(SecretsConfig config) {
        SecureRandom random = new SecureRandom();
        byte[] key = new SecretKeySource(random).resolve(config.key(), config.keyFile());
        return new SecretBox(key, random);
    }
}
