package dev.switchboard.gateway.targets;

import dev.switchboard.gateway.secrets.SecretException;
import dev.switchboard.gateway.targets.spec.FieldError;
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
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@code file} rows of {@code target} equal to the targets file: adds, replaces (only
 * when something changed, so revisions do not churn), and removes targets that left the file. The
 * whole file is checked before anything is written; one bad target rejects the file as a whole, so
 * a typo never deletes half the fleet. Secret values may be {@code ${env:NAME}} references
 * ({@link SecretReferences}) so the file itself can be committed to Git.
 */
@ApplicationScoped
public class TargetFileSync {

    private static final Logger LOG = Logger.getLogger(TargetFileSync.class);

    /** Outcome of applying a file. */
    public sealed interface Result {
        record Applied(int created, int replaced, int removed, int unchanged) implements Result {
        }

        record Rejected(List<FieldError> errors) implements Result {
            public Rejected {
                errors = List.copyOf(errors);
            }
        }
    }

    private final TargetStore store;
    private final TargetSecretSealer sealer;
    private final SecretReferences references;

    @Inject
    public TargetFileSync(TargetStore store, TargetSecretSealer sealer, Config config) {
        this.store = store;
        this.sealer = sealer;
        this.references = new SecretReferences(name -> config.getOptionalValue(name, String.class));
    }

    @Transactional
    public Result apply(String yaml) {
        TargetSpecCodec.Read<TargetSpecCodec.TargetsFile> read = TargetSpecCodec.readYamlFile(yaml);
        if (read instanceof TargetSpecCodec.Read.Unreadable<TargetSpecCodec.TargetsFile> unreadable) {
            return new Result.Rejected(unreadable.errors());
        }
        List<TargetSpec> specs = ((TargetSpecCodec.Read.Ok<TargetSpecCodec.TargetsFile>) read).value().targets();
        List<TargetSpec> valid = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < (specs == null ? 0 : specs.size()); i++) {
            String prefix = "targets[" + i + "].";
            int before = errors.size();
            TargetSpec resolved = references.resolve(specs.get(i), prefix, errors);
            if (errors.size() > before) {
                continue;
            }
            ValidationResult result = TargetSpecValidator.validate(resolved);
            if (result instanceof ValidationResult.Invalid invalid) {
                invalid.errors().forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
            } else {
                TargetSpec spec = ((ValidationResult.Valid) result).spec();
                if (!ids.add(spec.id())) {
                    errors.add(new FieldError(prefix + "id", "duplicate id " + spec.id()));
                }
                valid.add(spec);
            }
        }
        if (!errors.isEmpty()) {
            return new Result.Rejected(errors);
        }
        store.lockForFileSync();
        Map<String, StoredTarget> stored = new LinkedHashMap<>();
        store.all().forEach(t -> stored.put(t.id(), t));
        int created = 0;
        int replaced = 0;
        int unchanged = 0;
        for (TargetSpec spec : valid) {
            String json = TargetCommands.storedJson(spec);
            Map<String, String> secrets = spec.auth().secrets();
            StoredTarget existing = stored.get(spec.id());
            if (existing == null) {
                store.insert(spec.id(), TargetOrigin.FILE, json, sealer.seal(spec.id(), secrets));
                created++;
            } else if (existing.origin() == TargetOrigin.FILE && existing.specJson().equals(json)
                    && sameSecrets(existing, secrets)) {
                unchanged++;
            } else {
                if (existing.origin() == TargetOrigin.API) {
                    LOG.warnf("target.file_takes_over id=%s previous_origin=api", spec.id());
                }
                store.update(existing, TargetOrigin.FILE, json, sealer.seal(spec.id(), secrets));
                replaced++;
            }
        }
        int removed = 0;
        for (StoredTarget existing : stored.values()) {
            if (existing.origin() == TargetOrigin.FILE && !ids.contains(existing.id())) {
                store.delete(existing.id());
                removed++;
            }
        }
        return new Result.Applied(created, replaced, removed, unchanged);
    }

    /** False also when the stored values no longer open (key changed): the file re-seals them with the current key. */
    private boolean sameSecrets(StoredTarget existing, Map<String, String> secrets) {
        try {
            return sealer.open(existing.id(), existing.sealedSecrets()).equals(secrets);
        } catch (SecretException e) {
            LOG.warnf("target.secrets_resealed id=%s reason=\"%s\"", existing.id(), e.getMessage());
            return false;
        }
    }
}
