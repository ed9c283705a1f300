package dev.switchboard.gateway.targets;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Loads the targets file at start (an invalid file stops the start: better than running with the
 * wrong fleet) and keeps watching it and the table. A file that turns invalid later is reported and
 * ignored; the last good configuration stays in force.
 */
@ApplicationScoped
public class TargetLifecycle {

    private static final Logger LOG = Logger.getLogger(TargetLifecycle.class);

    private final TargetsConfig config;
    private final TargetFileSync fileSync;
    private final StoredTargetRegistry registry;
    private volatile String appliedDigest = "";
    private volatile String rejectedDigest = "";

    @Inject
    public TargetLifecycle(TargetsConfig config, TargetFileSync fileSync, StoredTargetRegistry registry) {
        this.config = config;
        this.fileSync = fileSync;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        config.file().ifPresent(file -> {
            TargetFileSync.Result result = syncFile(file, readFile(file).orElseThrow(() -> new IllegalStateException(
                    "switchboard.targets.file cannot be read: " + file)));
            if (result instanceof TargetFileSync.Result.Rejected rejected) {
                throw new IllegalStateException("switchboard.targets.file " + file + " is invalid: " + rejected.errors());
            }
        });
        registry.refresh();
    }

    @Scheduled(every = "${switchboard.targets.refresh-interval:10s}", delayed = "${switchboard.targets.refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        config.file().ifPresent(file -> readFile(file).ifPresent(text -> syncFile(file, text)));
        registry.refresh();
    }

    private TargetFileSync.Result syncFile(Path file, String text) {
        String digest = sha256(text);
        if (digest.equals(appliedDigest) || digest.equals(rejectedDigest)) {
            // already applied, or already reported as invalid: nothing new to say
            return new TargetFileSync.Result.Applied(0, 0, 0, 0);
        }
        TargetFileSync.Result result = fileSync.apply(text);
        if (result instanceof TargetFileSync.Result.Applied applied) {
            appliedDigest = digest;
            LOG.infof("targets.file_applied path=%s created=%d replaced=%d removed=%d unchanged=%d", file,
                    applied.created(), applied.replaced(), applied.removed(), applied.unchanged());
        } else if (result instanceof TargetFileSync.Result.Rejected rejected) {
            rejectedDigest = digest;
            LOG.errorf("targets.file_rejected path=%s errors=%s", file, rejected.errors());
        }
        return result;
    }

    private static Optional<String> readFile(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.errorf("targets.file_unreadable path=%s error=\"%s\"", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
