package dev.switchboard.gateway.intake.poll;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.switchboard.gateway.testing.TestTransmitterProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(TestTransmitterProfile.class)
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class SourceLeaseTest {

    @Inject
    SourceLease lease;

    private final String source = "lease-" + UUID.randomUUID();

    @Test
    void runningLease_keepsOtherReplicasOut_untilReleased() {
        assertThat(lease.tryAcquire(source, "replica-a", Duration.ofMinutes(1))).isTrue();
        assertThat(lease.tryAcquire(source, "replica-b", Duration.ofMinutes(1))).isFalse();
        assertThat(lease.tryAcquire(source, "replica-a", Duration.ofMinutes(1))).as("holder renews").isTrue();

        lease.release(source, "replica-a");

        assertThat(lease.tryAcquire(source, "replica-b", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void expiredLease_isTakenOverByAnotherReplica() {
        assertThat(lease.tryAcquire(source, "replica-a", Duration.ofMillis(-1))).isTrue();

        assertThat(lease.tryAcquire(source, "replica-b", Duration.ofMinutes(1))).isTrue();
        assertThat(lease.tryAcquire(source, "replica-a", Duration.ofMinutes(1))).isFalse();
    }
}
