package dev.switchboard.gateway.targets;

import dev.switchboard.gateway.secrets.SecretException;
import dev.switchboard.gateway.targets.spec.TargetDefinitionFactory;
import dev.switchboard.gateway.targets.spec.TargetSpec;
import dev.switchboard.gateway.targets.spec.TargetSpecCodec;
import dev.switchboard.gateway.targets.spec.TargetSpecValidator;
import dev.switchboard.gateway.targets.spec.ValidationResult;
import dev.switchboard.gateway.targets.store.StoredTarget;
import dev.switchboard.gateway.targets.store.TargetSecretSealer;
import dev.switchboard.gateway.targets.store.TargetStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one {@link TargetRegistry}: an immutable in-memory view of table {@code target}, with secrets
 * opened. Reads never touch the database; {@link #refresh()} rebuilds the view when the table's
 * fingerprint moved (after an API change here, or on a schedule for changes made by other replicas).
 * A stored target that cannot be built (say the secret key changed) is left out and logged, so one
 * broken target never takes the others down.
 */
@ApplicationScoped
public class StoredTargetRegistry implements TargetRegistry {

    private static final Logger LOG = Logger.getLogger(StoredTargetRegistry.class);

    private record View(String fingerprint, Map<String, TargetDefinition> targets) {
    }

    private final TargetStore store;
    private final TargetSecretSealer sealer;
    private final AtomicReference<View> view = new AtomicReference<>(new View("", Map.of()));
    private final AtomicInteger unusableCount = new AtomicInteger();

    private final MeterRegistry meters;

    @Inject
    public StoredTargetRegistry(TargetStore store, TargetSecretSealer sealer, MeterRegistry meters) {
        this.store = store;
        this.sealer = sealer;
        this.meters = meters;
    }

    /** Not in the constructor: the container may construct the class more than once (client proxy). */
    @PostConstruct
    void registerGauges() {
        Gauge.builder("switchboard.targets", view, v -> v.get().targets().size())
                .description("Targets usable by delivery").register(meters);
        Gauge.builder("switchboard.targets.unusable", unusableCount, AtomicInteger::get)
                .description("Stored targets left out because they cannot be built (e.g. secrets do not open)").register(meters);
    }

    @Override
    public List<TargetDefinition> all() {
        return List.copyOf(current().targets().values());
    }

    @Override
    public Optional<TargetDefinition> byId(String id) {
        return Optional.ofNullable(current().targets().get(id));
    }

    /** Rebuilds the view if the table changed since the last build. */
    public synchronized void refresh() {
        String fingerprint = store.fingerprint();
        if (fingerprint.equals(view.get().fingerprint())) {
            return;
        }
        Map<String, TargetDefinition> targets = new TreeMap<>();
        List<String> unusable = new ArrayList<>();
        for (StoredTarget stored : store.all()) {
            build(stored).ifPresentOrElse(t -> targets.put(t.id(), t), () -> unusable.add(stored.id()));
        }
        view.set(new View(fingerprint, Map.copyOf(targets)));
        unusableCount.set(unusable.size());
        LOG.infof("targets.loaded count=%d unusable=%s", targets.size(), unusable);
    }

    private View current() {
        if (view.get().fingerprint().isEmpty()) {
            refresh();
        }
        return view.get();
    }

    private Optional<TargetDefinition> build(StoredTarget stored) {
        try {
            TargetSpec spec = TargetSpecCodec.fromStoredJson(stored.specJson());
            TargetSpec withSecrets = spec.withAuth(spec.auth().withSecrets(sealer.open(stored.id(), stored.sealedSecrets())));
            // stored specs were valid when written; validating again also fills defaults added since
            ValidationResult result = TargetSpecValidator.validate(withSecrets);
            if (result instanceof ValidationResult.Invalid invalid) {
                LOG.errorf("target.unusable id=%s reason=invalid errors=%s", stored.id(), invalid.errors());
                return Optional.empty();
            }
            return Optional.of(TargetDefinitionFactory.create(((ValidationResult.Valid) result).spec(), stored.revision()));
        } catch (SecretException e) {
            LOG.errorf("target.unusable id=%s reason=secrets detail=\"%s\"", stored.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
