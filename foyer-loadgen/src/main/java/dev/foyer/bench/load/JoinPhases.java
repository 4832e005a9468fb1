package dev.foyer.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a join's time went, as one guest on the lean client saw it, each step from the end of the
 * one before: {@code start} from the join's due time to the bench starting it (the {@link Pacer}'s
 * lateness), {@code loop} to the connection's channel on its event loop with the TCP connect
 * issued (the loop's queue), {@code connect} to the connection up (the handshake, and the loop
 * noticing it), {@code discovery} the discovery request to its answer read, {@code
 * upgrade} to the WebSocket's {@code 101} read (a second connection's set-up included when
 * discovery names another node), {@code join} the {@code join} message to the {@code snapshot}
 * read. A step's time is the server's and this side's together: an answer read late, because
 * this side's event loop was busy, counts in the step it answers.
 *
 * @param startedAt {@link System#nanoTime()} when the bench started the join
 * @param issuedAt when the connection's channel was on its event loop, the connect next
 * @param connectedAt when the connection was up
 * @param discoveredAt when the discovery answer was read
 * @param upgradedAt when the upgrade's answer was read
 * @param inMeetingAt when the {@code snapshot} was read
 */
record JoinPhases(long startedAt, long issuedAt, long connectedAt, long discoveredAt, long upgradedAt, long inMeetingAt) {
    static final String[] NAMES = {"start", "loop", "connect", "discovery", "upgrade", "join"};

    /** The steps' latencies of many joins. */
    static final class Recorder {
        private final Latencies[] steps = new Latencies[NAMES.length];

        Recorder() {
            for (int i = 0; i < steps.length; i++) {
                steps[i] = new Latencies();
            }
        }

        void record(JoinPhases p, long dueNanos) {
            long[] ends = {p.startedAt, p.issuedAt, p.connectedAt, p.discoveredAt, p.upgradedAt, p.inMeetingAt};
            long from = dueNanos;
            for (int i = 0; i < ends.length; i++) {
                steps[i].recordNanos(ends[i] - from);
                from = ends[i];
            }
        }

        /** {@code {start, loop, connect, discovery, upgrade, join}}, each {@code {p50, p95, p99, max}} in milliseconds. */
        Map<String, Object> summaryMs() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.length; i++) {
                m.put(NAMES[i], steps[i].summaryMs());
            }
            return m;
        }
    }
}
