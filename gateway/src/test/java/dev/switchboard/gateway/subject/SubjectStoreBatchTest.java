package dev.switchboard.gateway.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.delivery.MigratedH2;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Highest-seq-wins survives set-wise storing, on PostgreSQL (one multi-row upsert) and on H2 (row by row). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class SubjectStoreBatchTest {

    @Inject
    SubjectStore subjects;

    @Test
    void outOfOrderBatchOnPostgres_keepsTheHighestSeqPerSubject() {
        OutOfOrderBatch.keepsTheHighestSeqPerSubject(
                changes -> QuarkusTransaction.requiringNew().call(() -> subjects.applyNewest(changes, OutOfOrderBatch.now())),
                one -> QuarkusTransaction.requiringNew().call(() -> subjects.applyNewest(List.of(one), OutOfOrderBatch.now())),
                subjects::find);
    }

    @Test
    void outOfOrderBatchOnH2_keepsTheHighestSeqPerSubject() {
        SubjectStore store = new SubjectStore(MigratedH2.create(), new ObjectMapper(), "h2");

        OutOfOrderBatch.keepsTheHighestSeqPerSubject(
                changes -> store.applyNewest(changes, OutOfOrderBatch.now()),
                one -> store.applyNewest(List.of(one), OutOfOrderBatch.now()),
                store::find);
    }
}
