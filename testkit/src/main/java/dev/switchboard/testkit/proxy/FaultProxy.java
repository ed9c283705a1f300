package dev.switchboard.testkit.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP/1.1 reverse proxy on a free loopback port in front of one upstream, injecting faults by
 * a seeded {@link FaultPlan}: the delivery path is tested against 5xx, 429 with Retry-After,
 * connection resets and slow answers without a misbehaving app.
 *
 * <p>Works on sockets, not on an HTTP library, because a reset (RST, no response) cannot be made
 * any other way, and because forwarded requests must reach the upstream byte for byte: the proxy
 * never retries, never re-encodes, and only touches the {@code Host} header when asked to
 * ({@link Builder#rewriteHost}). Both sides keep connections alive; each client connection has its
 * own upstream connection, so requests are never interleaved.
 *
 * <p>Decisions are drawn from one sequence in arrival order, so after N requests the counts per
 * kind equal those of {@code plan.decisions(N)} regardless of how requests were spread over
 * connections.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultProxy.class.getName());

    private final URI upstream;
    private final boolean rewriteHost;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final LongAdder forwarded = new LongAdder();
    private final Map<FaultKind, LongAdder> injected = new EnumMap<>(FaultKind.class);
    private FaultPlan plan;
    private FaultPlan.Decider decider;
    private volatile boolean closed;

    private FaultProxy(Builder builder) throws IOException {
        this.upstream = builder.upstream;
        this.rewriteHost = builder.rewriteHost;
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, new LongAdder());
        }
        setPlan(builder.plan);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fault-proxy-" + server.getLocalPort() + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    /** A proxy that forwards everything until a plan is set. */
    public static FaultProxy start(URI upstream) {
        return builder(upstream).start();
    }

    public static FaultProxy start(URI upstream, FaultPlan plan) {
        return builder(upstream).plan(plan).start();
    }

    /** {@code upstream} is a base URL such as {@code http://127.0.0.1:8080/scim/v2}. */
    public static Builder builder(URI upstream) {
        return new Builder(upstream);
    }

    /** The upstream base URL with host and port swapped for the proxy's. */
    public URI baseUrl() {
        String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        return URI.create("http://127.0.0.1:%d%s".formatted(port(), path));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Replaces the plan; its decision sequence starts again from its seed. */
    public synchronized void setPlan(FaultPlan newPlan) {
        this.plan = Objects.requireNonNull(newPlan, "plan");
        this.decider = newPlan.decider();
    }

    /** Keeps the mix and seed, changes the faulted fraction (the sequence restarts from the seed). */
    public synchronized void setFaultRate(double rate) {
        setPlan(plan.withRate(rate));
    }

    /** Forwards everything from now on. */
    public synchronized void passThrough() {
        setPlan(FaultPlan.none());
    }

    public synchronized FaultPlan plan() {
        return plan;
    }

    /** Counts since start or the last {@link #resetStats()}. */
    public FaultStats stats() {
        Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
        injected.forEach((kind, adder) -> counts.put(kind, adder.sum()));
        return new FaultStats(forwarded.sum(), counts);
    }

    public void resetStats() {
        forwarded.reset();
        injected.values().forEach(LongAdder::reset);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "event=proxy_close_failed port=" + port(), e);
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    private synchronized Fault decide() {
        return decider.next();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "event=proxy_accept_failed port=" + port(), e);
                }
            }
        }
    }

    /** Serves one client connection until either side closes it. */
    private void serve(Socket client) {
        UpstreamConnection upstreamConnection = null;
        try {
            client.setTcpNoDelay(true);
            InputStream clientIn = new BufferedInputStream(client.getInputStream());
            OutputStream clientOut = client.getOutputStream();
            while (!closed) {
                Optional<HttpWire.Message> maybeRequest = HttpWire.readRequest(clientIn);
                if (maybeRequest.isEmpty()) {
                    return;
                }
                HttpWire.Message request = maybeRequest.get();
                Fault fault = decide();
                if (fault instanceof Fault.Reset reset) {
                    injected.get(reset.kind()).increment();
                    client.setSoLinger(true, 0);
                    return;
                }
                if (fault instanceof Fault.Respond respond) {
                    injected.get(respond.kind()).increment();
                    clientOut.write(injectedResponse(respond, request.wantsClose()));
                    clientOut.flush();
                    if (request.wantsClose()) {
                        return;
                    }
                    continue;
                }
                if (fault instanceof Fault.Delay delay) {
                    injected.get(delay.kind()).increment();
                    Thread.sleep(delay.delay().toMillis());
                }
                upstreamConnection = usable(upstreamConnection);
                HttpWire.Message outgoing = rewriteHost ? request.withHost(hostHeader()) : request;
                HttpWire.Message response;
                try {
                    OutputStream upstreamOut = upstreamConnection.socket().getOutputStream();
                    upstreamOut.write(outgoing.raw());
                    upstreamOut.flush();
                    forwarded.increment();
                    response = HttpWire.readResponse(upstreamConnection.in(), request.method());
                    while (response.status() / 100 == 1 && response.status() != 101) {
                        clientOut.write(response.raw());
                        response = HttpWire.readResponse(upstreamConnection.in(), request.method());
                    }
                } catch (IOException upstreamFailure) {
                    LOG.log(Level.INFO, "event=proxy_upstream_failed port=%d upstream=%s".formatted(port(), upstream), upstreamFailure);
                    closeQuietly(upstreamConnection.socket());
                    upstreamConnection = null;
                    clientOut.write(plainResponse(502, "upstream failed: " + upstreamFailure.getMessage(), 0, true));
                    clientOut.flush();
                    return;
                }
                clientOut.write(response.raw());
                clientOut.flush();
                if (response.wantsClose()) {
                    closeQuietly(upstreamConnection.socket());
                    upstreamConnection = null;
                    return;
                }
                if (request.wantsClose()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.FINE, "event=proxy_client_connection_ended port=" + port(), e);
            }
        } finally {
            closeQuietly(client);
            open.remove(client);
            if (upstreamConnection != null) {
                closeQuietly(upstreamConnection.socket());
                open.remove(upstreamConnection.socket());
            }
        }
    }

    /**
     * Reuses the kept-alive upstream connection unless the upstream has closed it meanwhile. The
     * check happens before anything is sent, so a request is never written to a dead connection
     * and never needs a retry that could duplicate it.
     */
    private UpstreamConnection usable(UpstreamConnection current) throws IOException {
        if (current != null && !current.socket().isClosed() && !closedByPeer(current)) {
            return current;
        }
        if (current != null) {
            closeQuietly(current.socket());
            open.remove(current.socket());
        }
        int port = upstream.getPort() > 0 ? upstream.getPort() : 80;
        Socket socket = new Socket(upstream.getHost(), port);
        socket.setTcpNoDelay(true);
        open.add(socket);
        return new UpstreamConnection(socket, new BufferedInputStream(socket.getInputStream()));
    }

    /** Probes for EOF without consuming data: a 1 ms read that times out means the peer is still there. */
    private static boolean closedByPeer(UpstreamConnection connection) throws IOException {
        Socket socket = connection.socket();
        int timeout = socket.getSoTimeout();
        try {
            socket.setSoTimeout(1);
            connection.in().mark(1);
            if (connection.in().read() < 0) {
                return true;
            }
            connection.in().reset();
            return false;
        } catch (SocketTimeoutException alive) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** One client connection's own connection to the upstream, with its read buffer. */
    private record UpstreamConnection(Socket socket, BufferedInputStream in) {
    }

    private String hostHeader() {
        return upstream.getPort() > 0 ? upstream.getHost() + ":" + upstream.getPort() : upstream.getHost();
    }

    private static byte[] injectedResponse(Fault.Respond respond, boolean close) {
        return plainResponse(respond.status(), "injected " + respond.kind() + " by FaultProxy", respond.retryAfterSeconds(), close);
    }

    private static byte[] plainResponse(int status, String detail, int retryAfterSeconds, boolean close) {
        String body = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"%d","detail":"%s"}"""
                .formatted(status, detail.replace("\\", "\\\\").replace("\"", "'"));
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: application/scim+json; charset=utf-8\r\n")
                .append("Content-Length: ").append(bodyBytes.length).append("\r\n")
                .append("X-Fault-Injected: true\r\n");
        if (retryAfterSeconds > 0) {
            head.append("Retry-After: ").append(retryAfterSeconds).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "event=proxy_socket_close_failed", e);
        }
    }

    /** Upstream, initial plan, Host handling. */
    public static final class Builder {
        private final URI upstream;
        private FaultPlan plan = FaultPlan.none();
        private boolean rewriteHost;

        private Builder(URI upstream) {
            this.upstream = Objects.requireNonNull(upstream, "upstream");
            if (!"http".equals(upstream.getScheme())) {
                throw new IllegalArgumentException("only http upstreams are supported: " + upstream);
            }
        }

        public Builder plan(FaultPlan initial) {
            this.plan = Objects.requireNonNull(initial, "plan");
            return this;
        }

        /**
         * Replace {@code Host} with the upstream's authority. Needed in front of Keycloak, which
         * derives the token issuer and SCIM audience from {@code Host}: unchanged, a token issued at
         * {@code 127.0.0.1:<keycloak>} is refused when presented via {@code 127.0.0.1:<proxy>}.
         */
        public Builder rewriteHost(boolean rewrite) {
            this.rewriteHost = rewrite;
            return this;
        }

        public FaultProxy start() {
            try {
                return new FaultProxy(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a loopback port for the fault proxy", e);
            }
        }
    }
}
