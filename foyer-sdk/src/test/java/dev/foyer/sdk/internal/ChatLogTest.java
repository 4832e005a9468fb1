package dev.foyer.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.FoyerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The history snapshots ChatLog publishes, checked against the obvious model: sorted lines, then the outbox. */
class ChatLogTest {
    private final ChatLog log = new ChatLog();

    @Test
    void linesInOrderKeepTheLastThousandAndEarlierSnapshotsNeverChange() {
        List<List<ChatMessage>> snapshots = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (long seq = 1; seq <= 3_500; seq++) {
            assertThat(log.committed(line(seq))).isEqualTo(ChatLog.Outcome.NEW);
            List<ChatMessage> h = log.history();
            assertThat(h).hasSize((int) Math.min(seq, ChatLog.MAX_LINES));
            assertThat(h.get(h.size() - 1).seq()).isEqualTo(seq);
            assertThat(h.get(0).seq()).isEqualTo(Math.max(1, seq - ChatLog.MAX_LINES + 1));
            if (seq % 97 == 0) {
                snapshots.add(h);
                sizes.add(h.size());
            }
        }
        for (int i = 0; i < snapshots.size(); i++) {
            List<ChatMessage> h = snapshots.get(i);
            long last = 97L * (i + 1);
            assertThat(h).hasSize(sizes.get(i));
            for (int j = 0; j < h.size(); j++) {
                assertThat(h.get(j).seq()).isEqualTo(last - h.size() + 1 + j);
            }
        }
        assertThatThrownBy(() -> log.history().add(line(9_999))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> log.history().get(ChatLog.MAX_LINES)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anyMixOfLinesPendingAcksAndReplaysMatchesTheModel() {
        Random random = new Random(42);
        TreeMap<Long, Long> model = new TreeMap<>();
        List<String> outbox = new ArrayList<>();
        int sent = 0;
        for (int step = 0; step < 5_000; step++) {
            int action = random.nextInt(10);
            if (action < 6) {
                long seq = 1 + random.nextInt(3_000); // mostly new, sometimes a replay or out of order
                if (log.committed(line(seq)) == ChatLog.Outcome.NEW) {
                    model.put(seq, seq);
                }
            } else if (action < 8) {
                String cmid = "c" + sent++;
                log.addPending(ChatMessage.builder("mine").clientMessageId(cmid).outgoing(true)
                        .state(ChatMessage.State.PENDING).build());
                outbox.add(cmid);
            } else if (!outbox.isEmpty()) {
                String cmid = outbox.remove(0);
                long seq = 3_001 + step;
                if (action == 8) {
                    log.acked(cmid, "m-" + cmid, seq);
                    model.put(seq, seq);
                } else {
                    log.fail(cmid, new FoyerException(FoyerException.Kind.NETWORK, "down"));
                    outbox.add(cmid); // failed lines stay in the outbox
                }
            }
            while (model.size() > ChatLog.MAX_LINES) {
                model.pollFirstEntry();
            }
            List<ChatMessage> h = log.history();
            List<Long> committedSeqs = new ArrayList<>();
            List<String> tail = new ArrayList<>();
            for (ChatMessage m : h) {
                if (m.seq() > 0) {
                    committedSeqs.add(m.seq());
                } else {
                    tail.add(m.clientMessageId());
                }
            }
            assertThat(committedSeqs).as("step %d", step).containsExactlyElementsOf(model.keySet());
            assertThat(tail).as("step %d", step).containsExactlyInAnyOrderElementsOf(outbox);
        }
    }

    private static ChatMessage line(long seq) {
        return ChatMessage.builder("line " + seq).messageId("m" + seq).seq(seq).senderId("p-x")
                .state(ChatMessage.State.SENT).build();
    }
}
