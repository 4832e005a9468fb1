package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames gathered into {@code batch} frames: every message once, in order, none over the frame limit. */
class BatchesTest {
    /** What would go on the wire, each message in one array. */
    private static List<byte[]> gather(List<byte[]> frames) {
        return Batches.gather(frames).stream().map(BatchesTest::wire).toList();
    }

    /** A message's bytes as its frames carry them, put together: the array itself if it is one whole frame. */
    private static byte[] wire(Batches.Message message) {
        Batches.Piece[] pieces = message.pieces();
        if (pieces.length == 1 && pieces[0].offset() == 0 && pieces[0].length() == pieces[0].bytes().length) {
            return pieces[0].bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Batches.Piece p : pieces) {
            out.write(p.bytes(), p.offset(), p.length());
        }
        return out.toByteArray();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] event(int seq, int padding) {
        return ("{\"type\":\"participant.joined\",\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(padding) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The messages the frames hold, batches opened, in order. */
    private static List<JsonNode> messages(List<byte[]> frames) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] frame : frames) {
            JsonNode m = JSON.readTree(frame);
            if ("batch".equals(m.path("type").asText())) {
                assertThat(m.size()).as("a batch has type and events only").isEqualTo(2);
                m.get("events").forEach(out::add);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void theSameFramesQueuedForAnotherClientGetTheSameBatch() throws Exception {
        byte[] a = event(1, 0);
        byte[] b = event(2, 0);
        List<byte[]> first = gather(new ArrayList<>(List.of(a, b)));
        List<byte[]> second = gather(new ArrayList<>(List.of(a, b)));

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(second.get(0)).as("the very same array").isSameAs(first.get(0));
        assertThat(messages(second)).extracting(m -> m.path("seq").asInt()).containsExactly(1, 2);

        byte[] equalButNotTheSame = event(2, 0);
        List<byte[]> other = gather(List.of(a, equalButNotTheSame));
        assertThat(other.get(0)).isNotSameAs(first.get(0)).isEqualTo(first.get(0));
        List<byte[]> reordered = gather(List.of(b, a));
        assertThat(messages(reordered)).extracting(m -> m.path("seq").asInt()).containsExactly(2, 1);
        List<byte[]> fewer = gather(List.of(a, b, event(3, 0)));
        assertThat(messages(fewer)).extracting(m -> m.path("seq").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void aFrameAloneStaysAsItWas() {
        byte[] one = event(1, 0);
        assertThat(gather(List.of(one))).containsExactly(one);
        assertThat(gather(List.of())).isEmpty();
    }

    @Test
    void framesThatFitGoAsOneBatchInOrder() throws Exception {
        List<byte[]> frames = List.of(event(1, 10), event(2, 0), event(3, 500));

        List<byte[]> gathered = gather(frames);

        assertThat(gathered).hasSize(1);
        JsonNode batch = JSON.readTree(gathered.get(0));
        assertThat(batch.get("type").asText()).isEqualTo("batch");
        assertThat(messages(gathered)).containsExactlyElementsOf(messages(frames));
        assertThat(new String(gathered.get(0), StandardCharsets.UTF_8))
                .as("each message the very bytes it was").contains(new String(frames.get(2), StandardCharsets.UTF_8));
    }

    @Test
    void noBatchIsLargerThanAFrameMayBe() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int seq = 1; seq <= 40; seq++) {
            frames.add(event(seq, 5_000)); // 40 × ~5 KB: more than one batch's worth
        }
        frames.add(event(41, Batches.MAX_BYTES)); // too large for any company: goes alone
        frames.add(event(42, 0));

        List<byte[]> gathered = gather(frames);

        assertThat(gathered.size()).isGreaterThanOrEqualTo(4);
        for (byte[] frame : gathered) {
            boolean alone = frames.stream().anyMatch(f -> f == frame);
            assertThat(alone || frame.length <= Batches.MAX_BYTES).as("a batch within the frame limit").isTrue();
        }
        assertThat(gathered).as("the oversized frame goes as it was").contains(frames.get(40));
        assertThat(messages(gathered)).containsExactlyElementsOf(messages(frames));
    }

    @Test
    void whoJoinedWhileChangesWaitedGetsASliceOfTheBatchEveryoneElseGot() throws Exception {
        List<byte[]> rush = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            rush.add(event(seq, 10 * seq));
        }
        List<Batches.Message> everyone = Batches.gather(new ArrayList<>(rush));
        assertThat(everyone).hasSize(1);
        assertThat(everyone.get(0).pieces()).hasSize(1);
        byte[] batch = everyone.get(0).pieces()[0].bytes();

        for (int from = 1; from <= 3; from++) {
            List<Batches.Message> newcomer = Batches.gather(new ArrayList<>(rush.subList(from, rush.size())));

            assertThat(newcomer).hasSize(1);
            Batches.Piece[] pieces = newcomer.get(0).pieces();
            assertThat(pieces).as("the batch's head, then the rest").hasSize(2);
            assertThat(pieces[1].bytes()).as("a slice of the batch made for everyone, not a copy").isSameAs(batch);
            assertThat(pieces[1].offset() + pieces[1].length()).isEqualTo(batch.length);
            assertThat(messages(List.of(wire(newcomer.get(0))))).as("joined at %d", from)
                    .containsExactlyElementsOf(messages(rush.subList(from, rush.size())));
        }
        List<byte[]> last = gather(List.of(rush.get(4)));
        assertThat(last).as("one frame left goes as the frame it was").containsExactly(rush.get(4));
        assertThat(messages(gather(List.of(rush.get(1), rush.get(2))))).as("frames from the middle: a batch of their own")
                .containsExactlyElementsOf(messages(rush.subList(1, 3)));
    }

    @Test
    void joinersOfOneBatchGetTheirSnapshotsByReferenceAndShareTheChangesAfter() throws Exception {
        List<byte[]> joinedAndSnapshots = new ArrayList<>();
        List<byte[]> laterJoins = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            joinedAndSnapshots.add(event(100 + i, 20));
            joinedAndSnapshots.add(event(200 + i, Batches.BY_REFERENCE_BYTES)); // a snapshot: large
            laterJoins.add(event(300 + i, 30));
        }
        byte[] shared = null;
        for (int i = 0; i < 4; i++) {
            // Joiner i: its joined and snapshot, then the joins of those who came after it.
            List<byte[]> queued = new ArrayList<>(List.of(joinedAndSnapshots.get(2 * i), joinedAndSnapshots.get(2 * i + 1)));
            queued.addAll(laterJoins.subList(i + 1, 4));

            List<Batches.Message> gathered = Batches.gather(queued);

            assertThat(gathered).hasSize(1);
            Batches.Piece[] pieces = gathered.get(0).pieces();
            assertThat(pieces).as("joiner %d: a snapshot is a piece of its own", i)
                    .anySatisfy(p -> assertThat(p.bytes()).isSameAs(queued.get(1)));
            assertThat(messages(List.of(wire(gathered.get(0))))).as("joiner %d: every message, in order", i)
                    .containsExactlyElementsOf(messages(queued));
            if (i == 0) {
                shared = pieces[pieces.length - 1].bytes();
            } else if (i < 3) {
                assertThat(pieces[pieces.length - 1].bytes()).as("joiner %d: the later joins not copied again", i)
                        .isSameAs(shared);
            }
        }
    }

    @Test
    void framesThatDoNotFitOneBatchAreCopiedIntoSeveral() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int seq = 1; seq <= 40; seq++) {
            frames.add(event(seq, 5_000)); // more than one batch's worth
        }
        List<Batches.Message> gathered = Batches.gather(frames);
        assertThat(gathered).hasSizeGreaterThan(1)
                .allSatisfy(m -> assertThat(m.pieces()).as("each a frame of its own").hasSize(1));

        List<Batches.Message> tail = Batches.gather(frames.subList(30, 40));
        assertThat(tail).hasSize(1);
        assertThat(messages(List.of(wire(tail.get(0))))).containsExactlyElementsOf(messages(frames.subList(30, 40)));
    }
}
