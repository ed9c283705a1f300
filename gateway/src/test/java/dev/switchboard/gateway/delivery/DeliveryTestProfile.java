package dev.switchboard.gateway.delivery;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Set;

/**
 * Delivery's Quarkus tests run with hand-registered targets and in-memory SCIM apps, so they can
 * script failures. A profile (not a global alternative) keeps these stand-ins out of other areas' tests.
 */
public class DeliveryTestProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TestTargets.class, FakeScimClients.class);
    }
}
