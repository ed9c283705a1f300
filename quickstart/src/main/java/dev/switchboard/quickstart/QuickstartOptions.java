package dev.switchboard.quickstart;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one run uses: its ports, where its state lives, and the checkout whose build it runs. A flag
 * wins over an environment variable, which wins over the default.
 *
 * @param ports   every {@link DemoPort}, each with its port
 * @param dataDir state of this run (Keycloak's server copy and data, the gateway's H2 database, logs)
 * @param root    the Switchboard checkout (where {@code gateway/target} and the extension jar are)
 */
record QuickstartOptions(Map<DemoPort, Integer> ports, Path dataDir, Path root) {

    static final String DATA_DIR_FLAG = "--data-dir";
    static final String DATA_DIR_VARIABLE = "QUICKSTART_DATA_DIR";
    static final String DEFAULT_DATA_DIR = "quickstart-data";

    QuickstartOptions {
        ports = Map.copyOf(ports);
    }

    int port(DemoPort port) {
        return ports.get(port);
    }

    /**
     * Reads {@code --flag=value} or {@code --flag value} arguments and {@code QUICKSTART_*}
     * variables; a relative data dir is taken from {@code root}.
     *
     * @throws UsageException naming the flag at fault
     */
    static QuickstartOptions parse(String[] args, Map<String, String> environment, Path root) {
        Map<String, String> flags = flags(args);
        Map<DemoPort, Integer> ports = new EnumMap<>(DemoPort.class);
        for (DemoPort port : DemoPort.values()) {
            String flagValue = flags.remove(port.flag());
            String value = flagValue != null ? flagValue : environment.get(port.environmentVariable());
            String source = flagValue != null ? port.flag() : port.environmentVariable();
            ports.put(port, value == null || value.isBlank() ? port.defaultPort() : portNumber(value, source));
        }
        String dataFlag = flags.remove(DATA_DIR_FLAG);
        String data = dataFlag != null ? dataFlag : environment.getOrDefault(DATA_DIR_VARIABLE, DEFAULT_DATA_DIR);
        if (!flags.isEmpty()) {
            throw new UsageException("unknown option %s; the options are listed by --help".formatted(flags.keySet().iterator().next()));
        }
        return new QuickstartOptions(ports, root.resolve(data).toAbsolutePath().normalize(), root.toAbsolutePath().normalize());
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: ./quickstart.sh [options]
                  --skip-build                      run what is already built (the script's option)
                """);
        for (DemoPort port : DemoPort.values()) {
            text.append("  %-33s %s port, default %d; env %s%n".formatted(
                    port.flag() + "=<port>", port.role(), port.defaultPort(), port.environmentVariable()));
        }
        text.append("  %-33s state and logs, default ./%s; env %s%n".formatted(DATA_DIR_FLAG + "=<dir>", DEFAULT_DATA_DIR, DATA_DIR_VARIABLE));
        return text.toString();
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '%s'; the options are listed by --help".formatted(arg));
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flags.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(arg, args[++i]);
            } else {
                throw new UsageException("option %s needs a value, e.g. %s=<value>".formatted(arg, arg));
            }
        }
        return flags;
    }

    private static int portNumber(String value, String source) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw new UsageException("%s: '%s' is not a TCP port (1 to 65535)".formatted(source, value));
    }
}
