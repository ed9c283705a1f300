package dev.switchboard.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void freePort_isBindableOnLoopback() throws Exception {
        int port = LoopbackPorts.free();
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void httpServerProcess_becomesReadyAndStopKillsItsChildren() {
        int port = LoopbackPorts.free();
        // a shell that forks the real server, like kc.sh does
        ManagedProcess process = ManagedProcess.builder("node-http",
                        List.of("sh", "-c", "node -e \"require('http').createServer((q,r)=>{r.statusCode=404;r.end()}).listen(+process.env.PORT,'127.0.0.1')\"; echo done"))
                .workingDirectory(dir)
                .env("PORT", Integer.toString(port))
                .start();
        process.awaitHttp(URI.create("http://127.0.0.1:%d/".formatted(port)), Duration.ofSeconds(30));
        List<ProcessHandle> descendants = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();
        assertThat(descendants).isNotEmpty();

        process.stop(Duration.ofSeconds(10));

        assertThat(process.isAlive()).isFalse();
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void processExitingBeforeReady_failsWithLogTail() {
        ManagedProcess process = ManagedProcess.builder("early-exit", List.of("sh", "-c", "echo boom-marker; exit 3"))
                .workingDirectory(dir)
                .start();
        assertThatThrownBy(() -> process.awaitHttp(URI.create("http://127.0.0.1:%d/".formatted(LoopbackPorts.free())), Duration.ofSeconds(20)))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("boom-marker")
                .hasMessageContaining("code 3");
    }

    @Test
    void silentProcess_failsAfterDeadlineWithLogTail() {
        ManagedProcess process = ManagedProcess.builder("silent", List.of("sh", "-c", "echo waiting-marker; exec sleep 60"))
                .workingDirectory(dir)
                .start();
        try {
            assertThatThrownBy(() -> process.awaitHttp(URI.create("http://127.0.0.1:%d/".formatted(LoopbackPorts.free())), Duration.ofSeconds(1)))
                    .isInstanceOf(ProcessStartException.class)
                    .hasMessageContaining("did not answer")
                    .hasMessageContaining("waiting-marker");
        } finally {
            process.kill();
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void output_goesToLogFile() throws Exception {
        Path log = dir.resolve("out/echo.log");
        ManagedProcess process = ManagedProcess.builder("echo", List.of("sh", "-c", "echo to-stdout; echo to-stderr >&2"))
                .workingDirectory(dir)
                .logFile(log)
                .start();
        ProcessHandle.of(process.pid()).ifPresent(h -> h.onExit().join());
        assertThat(Files.readString(log)).contains("to-stdout", "to-stderr");
    }
}
