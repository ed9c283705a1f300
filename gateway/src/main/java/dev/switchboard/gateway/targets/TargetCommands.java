package dev.switchboard.gateway.targets;

import dev.switchboard.gateway.targets.spec.FieldError;
import java.util.Objects;
import java.util.List;
import dev.switchboard.gateway.secrets.SecretException;
import dev.switchboard.gateway.targets.spec.AuthSpec;
import dev.switchboard.gateway.targets.spec.TargetSpec;
import dev.switchboard.gateway.targets.spec.TargetSpecCodec;
import dev.switchboard.gateway.targets.spec.TargetSpecValidator;
import dev.switchboard.gateway.targets.spec.ValidationResult;
import dev.switchboard.gateway.targets.store.StoredTarget;
import dev.switchboard.gateway.targets.store.TargetOrigin;
import dev.switchboard.gateway.targets.store.TargetSecretSealer;
import dev.switchboard.gateway.targets.store.TargetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to targets made through the admin API: validate, keep stored secrets a PUT left out,
 * seal, store. File-defined targets are refused here; {@code TargetFileSync} owns them.
 */
@ApplicationScoped
public class TargetCommands {

    private static final Logger LOG = Logger.getLogger(TargetCommands.class);

    private final TargetStore store;
    private final TargetSecretSealer sealer;

    @Inject
    public TargetCommands(TargetStore store, TargetSecretSealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    @Transactional
    public TargetChange create(TargetSpec submitted) {
        TargetSpec spec = withoutMaskedSecrets(submitted);
        ValidationResult result = TargetSpecValidator.validate(spec);
        if (result instanceof ValidationResult.Invalid invalid) {
            return new TargetChange.Invalid(invalid.errors());
        }
        TargetSpec valid = ((ValidationResult.Valid) result).spec();
        Optional<StoredTarget> existing = store.byId(valid.id());
        if (existing.isPresent()) {
            return existing.get().origin() == TargetOrigin.FILE
                    ? new TargetChange.ReadOnly(valid.id())
                    : new TargetChange.AlreadyExists(valid.id());
        }
        StoredTarget saved = store.insert(valid.id(), TargetOrigin.API, storedJson(valid),
                sealer.seal(valid.id(), valid.auth().secrets()));
        LOG.infof("target.created id=%s origin=api revision=%d auth=%s", saved.id(), saved.revision(), valid.auth().type());
        return new TargetChange.Saved(saved);
    }

    /** Replaces a target; secrets the request leaves out (or sends masked) keep their stored value. */
    @Transactional
    public TargetChange replace(String id, TargetSpec submitted) {
        Optional<StoredTarget> existing = store.byId(id);
        if (existing.isEmpty()) {
            return new TargetChange.NotFound(id);
        }
        if (existing.get().origin() == TargetOrigin.FILE) {
            return new TargetChange.ReadOnly(id);
        }
        TargetSpec spec = withoutMaskedSecrets(submitted.id() == null ? submitted.withId(id) : submitted);
        if (!id.equals(spec.id())) {
            return new TargetChange.Invalid(List.of(new FieldError(
                    "id", "must match the id in the URL (" + id + ")")));
        }
        spec = keepStoredSecrets(spec, existing.get());
        ValidationResult result = TargetSpecValidator.validate(spec);
        if (result instanceof ValidationResult.Invalid invalid) {
            return new TargetChange.Invalid(invalid.errors());
        }
        TargetSpec valid = ((ValidationResult.Valid) result).spec();
        StoredTarget saved = store.update(existing.get(), TargetOrigin.API, storedJson(valid),
                sealer.seal(id, valid.auth().secrets()));
        LOG.infof("target.replaced id=%s origin=api revision=%d auth=%s", id, saved.revision(), valid.auth().type());
        return new TargetChange.Saved(saved);
    }

    @Transactional
    public TargetChange delete(String id) {
        Optional<StoredTarget> existing = store.byId(id);
        if (existing.isEmpty()) {
            return new TargetChange.NotFound(id);
        }
        if (existing.get().origin() == TargetOrigin.FILE) {
            return new TargetChange.ReadOnly(id);
        }
        store.delete(id);
        LOG.infof("target.deleted id=%s origin=api", id);
        return new TargetChange.Deleted(id);
    }

    /** The spec as stored: validated, secrets removed (they are sealed in their own column). */
    static String storedJson(TargetSpec valid) {
        return TargetSpecCodec.toJson(valid.withAuth(valid.auth().withoutSecrets()));
    }

    /** A client that echoes {@value AuthSpec#REDACTED} back means "unchanged", never that literal password. */
    private static TargetSpec withoutMaskedSecrets(TargetSpec spec) {
        if (spec.auth() == null) {
            return spec;
        }
        Map<String, String> secrets = new HashMap<>(spec.auth().secrets());
        secrets.values().removeIf(AuthSpec.REDACTED::equals);
        return spec.withAuth(spec.auth().withSecrets(secrets));
    }

    private TargetSpec keepStoredSecrets(TargetSpec spec, StoredTarget stored) {
        AuthSpec storedAuth = TargetSpecCodec.fromStoredJson(stored.specJson()).auth();
        if (spec.auth() == null || storedAuth == null || !Objects.equals(spec.auth().type(), storedAuth.type())) {
            // a new auth type starts clean: an old password must not linger under a bearer config
            return spec;
        }
        Map<String, String> merged = new HashMap<>();
        try {
            merged.putAll(sealer.open(stored.id(), stored.sealedSecrets()));
        } catch (SecretException e) {
            // the key changed: stored values are lost, so the request must carry every secret again
            // (the validator then names each missing one); a full request is how an operator recovers
            LOG.warnf("target.stored_secrets_unreadable id=%s reason=\"%s\"", stored.id(), e.getMessage());
        }
        merged.putAll(spec.auth().secrets());
        return spec.withAuth(spec.auth().withSecrets(merged));
    }
}
