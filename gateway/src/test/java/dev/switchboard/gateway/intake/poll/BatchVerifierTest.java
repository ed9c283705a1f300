package dev.switchboard.gateway.intake.poll;

import dev.switchboard.gateway.intake.ErrorCode;
import dev.switchboard.gateway.intake.SetError;
import dev.switchboard.gateway.intake.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchVerifierTest {

    private final BatchVerifier verifier = new BatchVerifier(4);
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        verifier.stop(null);
    }

    /** A stand-in verification that says which token it saw and on which thread it ran. */
    private Verification refusedNaming(String token) {
        threads.add(Thread.currentThread().getName());
        return new Verification.Refused("src", new SetError(ErrorCode.INVALID_REQUEST, token));
    }

    private static List<String> tokens(int count) {
        return IntStream.range(0, count).mapToObj(i -> "t" + i).toList();
    }

    private static List<String> described(List<Verification> results) {
        return results.stream().map(v -> ((Verification.Refused) v).error().description()).toList();
    }

    @Test
    void bigBatch_isSplitOverSeveralThreads_andResultsKeepTheTokensOrder() {
        List<String> tokens = tokens(500);

        List<Verification> results = verifier.verify(tokens, this::refusedNaming);

        assertThat(described(results)).isEqualTo(tokens);
        assertThat(threads).hasSize(4).contains(Thread.currentThread().getName());
    }

    @Test
    void smallBatch_staysOnTheCallingThread() {
        List<String> tokens = tokens(BatchVerifier.MIN_PER_THREAD * 2 - 1);

        List<Verification> results = verifier.verify(tokens, this::refusedNaming);

        assertThat(described(results)).isEqualTo(tokens);
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void failureOnAHelperThread_reachesTheCaller() {
        Function<String, Verification> failingLast = token -> {
            if (token.equals("t499")) {
                throw new IllegalStateException("JWKS unreadable");
            }
            return refusedNaming(token);
        };

        assertThatThrownBy(() -> verifier.verify(tokens(500), failingLast)).hasMessage("JWKS unreadable");
    }
}
