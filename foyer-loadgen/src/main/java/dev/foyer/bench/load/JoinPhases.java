package dev.foyer.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a join's time went, as one guest on the lean client saw it, each step from the end of the
 * one before: {@code connect} from the join's due time to the TCP connection up (the bench's own
 * scheduling included), {@code discovery} the discovery request to its answer read, {@code
 * upgrade} to the WebSocket's {@code 101} read (a second connection's set-up included when
 * discovery names another node), {@code join} the {@code join} message to the {@code snapshot}
 * read. A step's time is the server's and this side's together: an answer read late, because
 * this side's event loop was busy, counts in the step it answers.
 *
 * @param connectedAt {@link System#nanoTime()} when the connection was up
 * @param discoveredAt when the discovery answer was read
 * @param upgradedAt when the upgrade's answer was read
 * @param inMeetingAt when the {@code snapshot} was read
 */
record JoinPhases(long connectedAt, long discoveredAt, long upgradedAt, long inMeetingAt) {
    static final String[] NAMES = {"connect", "discovery", "upgrade", "join"};

    /** The four steps' latencies of many joins. */
    static final class Recorder {
        private final Latencies[] steps = {new Latencies(), new Latencies(), new Latencies(), new Latencies()};

        void record(JoinPhases p, long dueNanos) {
            steps[0].recordNanos(p.connectedAt - dueNanos);
            steps[1].recordNanos(p.discoveredAt - p.connectedAt);
            steps[2].recordNanos(p.upgradedAt - p.discoveredAt);
            steps[3].recordNanos(p.inMeetingAt - p.upgradedAt);
        }

        /** {@code {connect, discovery, upgrade, join}}, each {@code {p50, p95, p99, max}} in milliseconds. */
        Map<String, Object> summaryMs() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.length; i++) {
                m.put(NAMES[i], steps[i].summaryMs());
            }
            return m;
        }
    }
}
