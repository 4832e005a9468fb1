package dev.foyer.server.join;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.store.GroupCommit;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.token.IssuedToken;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;

/**
 * Records minted join tokens, many mints to a transaction: a {@link GroupCommit} of {@link
 * IssuedTokenStore#insertAll}. A token is handed out only once its record is committed (discovery
 * and {@code join} look for it, revocation and single use need it). A back-end minting for many
 * guests at once so shares commits instead of paying one each, which was most of a mint's cost
 * once signing got fast (docs/performance.md, item 36). A mint waiting for its commit holds no
 * thread of the web server's (item 59).
 */
final class TokenRecords {
    private final GroupCommit<IssuedToken, Boolean> commits;

    TokenRecords(IssuedTokenStore store, MeterRegistry registry) {
        this.commits = new GroupCommit<>("join token records", tokens -> {
            store.insertAll(tokens);
            return Collections.nCopies(tokens.size(), Boolean.TRUE);
        }, GroupCommit.MAX_BATCH, GroupCommit.CAPACITY, GroupCommit.WAIT, GroupCommit.INTERVAL,
                DistributionSummary.builder("foyer.token.record.batch")
                .description("minted join tokens recorded per transaction").register(registry));
    }

    /**
     * Records {@code token}, sharing the transaction with other mints under way. The caller's
     * thread does not wait: the commit is led by the group commit's own thread, and the future
     * completes once the record is committed (docs/performance.md, item 59).
     *
     * @return completes when the record is committed; fails with {@link FoyerException} {@code
     *     unavailable} when too many mints wait, the commit takes too long, or it failed (the
     *     database is unreachable; the batch's failure is logged once)
     */
    CompletableFuture<Void> record(IssuedToken token) {
        return commits.submit(token).handle((recorded, failure) -> {
            if (failure != null) {
                throw new FoyerException(ErrorCode.UNAVAILABLE,
                        GroupCommit.refusal(failure) == GroupCommit.Refusal.TIMED_OUT
                                ? "the token could not be recorded in time; try again"
                                : "the token could not be recorded; try again");
            }
            return null;
        });
    }
}
