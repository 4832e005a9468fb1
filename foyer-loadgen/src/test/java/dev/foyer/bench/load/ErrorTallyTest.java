package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Failures counted by the reason under the futures' wrappers, most frequent first, and bounded. */
class ErrorTallyTest {
    @Test
    void countsTheCauseUnderTheWrappersMostFrequentFirst() {
        ErrorTally tally = new ErrorTally();
        IOException refused = new IOException("discovery answered 401: invalid_token");

        tally.count(new ExecutionException(new CompletionException(refused)));
        tally.count("no roster within 30 s");
        tally.count(new CompletionException(refused));

        assertThat(tally.byReason()).containsExactly(
                entry("IOException: discovery answered 401: invalid_token", 2L),
                entry("no roster within 30 s", 1L));
    }

    @Test
    void keepsAtMostTenReasonsAndCountsTheRestTogether() {
        ErrorTally tally = new ErrorTally();
        for (int i = 0; i < ErrorTally.MAX_REASONS + 5; i++) {
            tally.count("reason " + i);
        }
        tally.count("reason 0");

        assertThat(tally.byReason()).hasSize(ErrorTally.MAX_REASONS + 1).containsEntry(ErrorTally.OTHER, 5L)
                .containsEntry("reason 0", 2L);
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsTypeAndALongOneIsCut() {
        assertThat(ErrorTally.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(ErrorTally.reason(new IOException("x".repeat(500)))).hasSize(201).endsWith("…");
    }
}
