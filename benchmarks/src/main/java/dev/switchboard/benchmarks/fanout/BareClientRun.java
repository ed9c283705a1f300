package dev.switchboard.benchmarks.fanout;

import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.WriteWindow;
import dev.switchboard.benchmarks.sink.ScimSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: the same SCIM creates the gateway sends, straight from one shared
 * {@code java.net.http} client (HTTP/1.1, as the gateway's connectors use) with the same number of
 * requests in flight per sink. No database, no verification, no planning: the upper bound this
 * machine allows for the fan-out's HTTP part.
 */
final class BareClientRun {

    record Result(WriteWindow window, double wallSeconds) {
    }

    private final List<String> warmupIds;
    private final List<String> ids;
    private final int targets;
    private final int concurrencyPerTarget;

    BareClientRun(List<String> warmupIds, List<String> ids, int targets, int concurrencyPerTarget) {
        this.warmupIds = warmupIds;
        this.ids = ids;
        this.targets = targets;
        this.concurrencyPerTarget = concurrencyPerTarget;
    }

    Result run() {
        List<ScimSink> sinks = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(targets * concurrencyPerTarget);
        try {
            for (int i = 0; i < targets; i++) {
                sinks.add(ScimSink.start(64));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            send(http, threads, sinks, warmupIds);
            long started = System.nanoTime();
            send(http, threads, sinks, ids);
            double wall = Deadline.seconds(System.nanoTime() - started);
            FanOutBenchmark.checkComplete(sinks, warmupIds.size() + ids.size());
            return new Result(WriteWindow.of(sinks, ids), wall);
        } catch (IOException e) {
            throw new UncheckedIOException("sink start failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("bare client run failed", e.getCause());
        } finally {
            threads.shutdownNow();
            sinks.forEach(ScimSink::close);
        }
    }

    /** Creates every id at every sink, concurrencyPerTarget threads per sink; returns when all are done. */
    private void send(HttpClient http, ExecutorService threads, List<ScimSink> sinks, List<String> which)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        List<Future<?>> workers = new ArrayList<>();
        for (ScimSink sink : sinks) {
            URI users = URI.create(sink.baseUrl() + "/Users");
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < concurrencyPerTarget; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < which.size(); i = next.getAndIncrement()) {
                        create(http, users, which.get(i));
                    }
                    return null;
                }));
            }
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
    }

    private static void create(HttpClient http, URI users, String id) throws IOException, InterruptedException {
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],\
                "userName":"u%1$s","externalId":"%1$s","active":true,\
                "name":{"givenName":"Bench","familyName":"User %1$s"},\
                "emails":[{"value":"u%1$s@example.com","primary":true}]}""".formatted(id);
        HttpRequest request = HttpRequest.newBuilder(users)
                .header("Content-Type", "application/scim+json; charset=UTF-8")
                .header("Accept", "application/scim+json")
                .header("Authorization", "Bearer bench-token")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST %s answered %d".formatted(users, response.statusCode()));
        }
    }
}
