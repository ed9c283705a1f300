package dev.switchboard.gateway.attempts;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes attempt rows off the delivery path: workers hand them over and go on, a writer thread
 * stores them in batches (one commit for many rows). When the buffer is full the caller writes
 * itself, so attempts are slowed down, never dropped. Rows still buffered when the process is
 * killed are lost; the delivery state (queue and links) does not depend on them.
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);
    private static final int BATCH = 200;

    private final AttemptLog log;
    private final BlockingQueue<Attempt> buffer = new LinkedBlockingQueue<>(10_000);
    private volatile boolean running;
    private Thread writer;

    AttemptRecorder(AttemptLog log) {
        this.log = log;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        writer = new Thread(this::drainLoop, "attempt-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(5));
        }
        flush();
    }

    public void record(Attempt attempt) {
        if (!running || !buffer.offer(attempt)) {
            log.record(List.of(attempt));
        }
    }

    private void drainLoop() {
        while (running) {
            try {
                Attempt first = buffer.poll(500, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Attempt> batch = new ArrayList<>(BATCH);
                    batch.add(first);
                    buffer.drainTo(batch, BATCH - 1);
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void flush() {
        List<Attempt> rest = new ArrayList<>();
        buffer.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    private void write(List<Attempt> batch) {
        try {
            log.record(batch);
        } catch (RuntimeException e) {
            LOG.errorf(e, "event=attempts_not_recorded count=%d", batch.size());
        }
    }
}
