package dev.switchboard.benchmarks.keycloak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;

/**
 * Creates users through Keycloak's admin REST API from {@code clients} threads, as an
 * administrator's script would, and records when each request started and when its 201 arrived
 * (the change has committed by then).
 */
final class UserCreations {

    /** One created user: its Keycloak id and the {@link System#nanoTime()} around its request. */
    record Created(String id, long startNanos, long endNanos) {
        long nanos() {
            return endNanos - startNanos;
        }
    }

    /** All creations of one batch, and the batch's wall time from first start to last answer. */
    record Batch(List<Created> users, long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double perSecond() {
            return users.size() / seconds();
        }

        long[] sortedNanos() {
            long[] nanos = users.stream().mapToLong(Created::nanos).toArray();
            Arrays.sort(nanos);
            return nanos;
        }
    }

    private final KeycloakAdmin admin;

    UserCreations(KeycloakAdmin admin) {
        this.admin = admin;
    }

    /** Creates users {@code prefix-0 … prefix-(count-1)} in {@code realm}; fails on the first refused one. */
    Batch create(String realm, String prefix, int count, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Created>> futures = new ArrayList<>(count);
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String username = prefix + "-" + i;
                futures.add(pool.submit(() -> createOne(realm, username)));
            }
            List<Created> created = new ArrayList<>(count);
            for (Future<Created> future : futures) {
                created.add(future.get());
            }
            long ended = created.stream().mapToLong(Created::endNanos).max().orElse(started);
            return new Batch(Collections.unmodifiableList(created), started, ended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating users in " + realm, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating users in " + realm + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Created createOne(String realm, String username) {
        String body = """
                {"username": "%s", "email": "%s@example.com", "firstName": "Bench", "lastName": "User",
                 "enabled": true}
                """.formatted(username, username);
        admin.accessToken(); // a token refresh must not count against the request it precedes
        long start = System.nanoTime();
        String id = admin.create("/admin/realms/" + realm + "/users", admin.object(body));
        return new Created(id, start, System.nanoTime());
    }
}
