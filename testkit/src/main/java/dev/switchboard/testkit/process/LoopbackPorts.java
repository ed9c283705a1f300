package dev.switchboard.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1. Six people share this machine, so nothing may assume a fixed port:
 * every process a test starts gets one from here.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * A port the kernel considered free a moment ago. There is a small window in which another
     * process can take it; callers that start a server on it fail loudly if that happens.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
