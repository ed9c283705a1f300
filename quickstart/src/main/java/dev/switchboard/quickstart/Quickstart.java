package dev.switchboard.quickstart;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The README's run command (behind the {@code ./quickstart.sh} script): starts the demo, prints where
 * everything is, and keeps it running until Ctrl-C (SIGINT) or SIGTERM, whose shutdown hook stops
 * every process it started. Exit codes: 2 for a usage problem (nothing started), 1 when a part
 * failed to start or stopped on its own.
 */
public final class Quickstart {

    /** What the demo adds to the federation; further realms or clients go here (see {@link RealmSetup}). */
    static final List<RealmSetup> REALM_SETUPS = List.of(new DemoUsers());
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /**
     * Checks the options and ports, then exits (2 on a problem): the script runs this before a
     * rebuild, so a busy port is reported before minutes of building rather than after.
     */
    static final String CHECK_ONLY = "--check-only";

    private Quickstart() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(QuickstartOptions.usage());
            return;
        }
        boolean checkOnly = Arrays.asList(args).contains(CHECK_ONLY);
        String[] options = Arrays.stream(args).filter(arg -> !arg.equals(CHECK_ONLY)).toArray(String[]::new);
        QuickstartOptions checked;
        try {
            checked = QuickstartOptions.parse(options, System.getenv(), Path.of(System.getProperty("quickstart.root", ".")));
            PortCheck.requireFree(checked);
        } catch (UsageException e) {
            System.err.println("[quickstart] " + e.getMessage().replace(System.lineSeparator(), System.lineSeparator() + "[quickstart] "));
            System.exit(2);
            return;
        }
        if (!checkOnly) {
            run(checked);
        }
    }

    private static void run(QuickstartOptions options) {
        Progress progress = new Progress(System.out, Clock.systemUTC());
        BuiltArtifacts.useKeycloakZipOfTheBuild();

        DemoStack stack = new DemoStack(options, progress);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            progress.say("stopping everything this run started …");
            stack.close();
            progress.say("stopped");
            progress.close();
        }, "quickstart-stop"));

        try {
            stack.start(REALM_SETUPS);
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                progress.say("could not start: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        System.out.println(banner(stack, options).render(progress.elapsed()));
        System.out.flush();

        Optional<String> exited = watch(stack, stopping);
        if (exited.isPresent()) {
            progress.say(exited.get() + " stopped on its own; stopping the rest");
            System.exit(1);
        }
    }

    /** Returns when a part stops on its own; a stop through the shutdown hook never returns here. */
    private static Optional<String> watch(DemoStack stack, AtomicBoolean stopping) {
        while (true) {
            LockSupport.parkNanos(WATCH_INTERVAL.toNanos());
            Optional<String> exited = stack.exitedPart();
            if (exited.isPresent() && !stopping.get()) {
                return exited;
            }
        }
    }

    private static Banner banner(DemoStack stack, QuickstartOptions options) {
        var keycloak = stack.keycloak().baseUrl();
        List<String> tryIt = REALM_SETUPS.stream().flatMap(setup -> setup.tryIt(keycloak).stream()).toList();
        return new Banner(keycloak, stack.gateway().baseUrl(), stack.scimmy().baseUrl(), DemoStack.SCIMMY_TOKEN,
                stack.federation().appA(), stack.federation().appB(), options.dataDir(), tryIt);
    }
}
