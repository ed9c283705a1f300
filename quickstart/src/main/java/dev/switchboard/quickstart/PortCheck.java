package dev.switchboard.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every port before anything starts, because a server that finds its port taken fails
 * minutes later (Keycloak, after its build) with a message that does not say which flag fixes it.
 */
final class PortCheck {

    private PortCheck() {
    }

    /** One line per problem (a port used twice, or taken by another program); empty when all are free. */
    static List<String> problems(QuickstartOptions options) {
        List<String> problems = new ArrayList<>();
        Map<Integer, DemoPort> seen = new HashMap<>();
        for (DemoPort port : DemoPort.values()) {
            int number = options.port(port);
            DemoPort earlier = seen.putIfAbsent(number, port);
            if (earlier != null) {
                problems.add("port %d is given to both %s and %s; choose another with %s"
                        .formatted(number, earlier.role(), port.role(), port.howToChange()));
            } else if (!isFree(number)) {
                problems.add("port %d (%s) is already in use on 127.0.0.1; stop what uses it, or choose another with %s"
                        .formatted(number, port.role(), port.howToChange()));
            }
        }
        return problems;
    }

    /** @throws UsageException listing every problem */
    static void requireFree(QuickstartOptions options) {
        List<String> problems = problems(options);
        if (!problems.isEmpty()) {
            throw new UsageException(String.join(System.lineSeparator(), problems));
        }
    }

    /** Whether a server could listen on {@code port} of 127.0.0.1 now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
