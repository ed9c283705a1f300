package dev.switchboard.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ThreadCpuTest {

    @Test
    void pooledThreadNames_countAsOneKind() {
        assertThat(ThreadCpu.kind("executor-thread-12")).isEqualTo("executor-thread-");
        assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo("GC Thread#");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    }

    @Test
    void difference_isTakenPerThread_soAnEndedThreadNeitherSubtractsNorAdds() {
        ThreadCpu before = new ThreadCpu(Map.of(
                1L, used("executor-thread-", 100), 2L, used("executor-thread-", 5_000), 3L, used("GC Thread#", 50)));
        ThreadCpu after = new ThreadCpu(Map.of(
                1L, used("executor-thread-", 400), 3L, used("GC Thread#", 50), 4L, used("C2 CompilerThre", 100)));

        ThreadCpu used = after.minus(before);

        assertThat(used.byKind()).containsOnly(
                entry("executor-thread-", Duration.ofMillis(300)), entry("C2 CompilerThre", Duration.ofMillis(100)));
        assertThat(used.perUnit(Duration.ofMillis(600), 100, 5))
                .isEqualTo("executor-thread- 3.00, C2 CompilerThre 1.00, ended threads 2.00 ms");
    }

    private static ThreadCpu.Used used(String kind, long millis) {
        return new ThreadCpu.Used(kind, Duration.ofMillis(millis));
    }

    @Test
    void sampleOfThisProcess_findsItsMainThread() {
        ThreadCpu self = ThreadCpu.sample(ProcessHandle.current().pid());

        assertThat(self.byThread()).containsKey(ProcessHandle.current().pid()); // the main thread's tid is the pid
        assertThat(self.total()).isGreaterThan(Duration.ZERO);
    }
}
