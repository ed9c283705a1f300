package dev.switchboard.quickstart;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress lines ({@code [quickstart] …}), and a "still waiting" line every so often during a long
 * step, so that a first Keycloak start (minutes on a slow machine) never looks like a hang.
 */
final class Progress implements AutoCloseable {

    private static final Duration REMINDER_EVERY = Duration.ofSeconds(20);

    private final PrintStream out;
    private final Clock clock;
    private final Instant started;
    private final ScheduledExecutorService reminders = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "quickstart-progress");
        thread.setDaemon(true);
        return thread;
    });

    Progress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.started = clock.instant();
    }

    void say(String line) {
        out.println("[quickstart] " + line);
        out.flush();
    }

    /**
     * Runs a long step, saying every 20 seconds how long it has been waiting for {@code part}.
     *
     * @param part        what is awaited, for the reminders ("Keycloak")
     * @param description the first line of the step
     */
    <T> T during(String part, String description, Supplier<T> action) {
        say(description);
        Instant stepStarted = clock.instant();
        ScheduledFuture<?> reminder = reminders.scheduleAtFixedRate(
                () -> say("  … still waiting for %s (%s)".formatted(part, format(Duration.between(stepStarted, clock.instant())))),
                REMINDER_EVERY.toSeconds(), REMINDER_EVERY.toSeconds(), TimeUnit.SECONDS);
        try {
            T result = action.get();
            say("  done in " + format(Duration.between(stepStarted, clock.instant())));
            return result;
        } finally {
            reminder.cancel(false);
        }
    }

    Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : "%d min %02d s".formatted(seconds / 60, seconds % 60);
    }

    @Override
    public void close() {
        reminders.shutdownNow();
    }
}
