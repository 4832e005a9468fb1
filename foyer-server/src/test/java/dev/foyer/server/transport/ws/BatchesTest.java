package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames gathered into {@code batch} frames: every message once, in order, none over the frame limit. */
class BatchesTest {
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
        List<byte[]> first = Batches.gather(new ArrayList<>(List.of(a, b)));
        List<byte[]> second = Batches.gather(new ArrayList<>(List.of(a, b)));

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(messages(second)).extracting(m -> m.path("seq").asInt()).containsExactly(1, 2);

        byte[] equalButNotTheSame = event(2, 0);
        List<byte[]> other = Batches.gather(List.of(a, equalButNotTheSame));
        assertThat(other.get(0)).isNotSameAs(first.get(0)).isEqualTo(first.get(0));
        List<byte[]> reordered = Batches.gather(List.of(b, a));
        assertThat(messages(reordered)).extracting(m -> m.path("seq").asInt()).containsExactly(2, 1);
        List<byte[]> fewer = Batches.gather(List.of(a, b, event(3, 0)));
        assertThat(messages(fewer)).extracting(m -> m.path("seq").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void aFrameAloneStaysAsItWas() {
        byte[] one = event(1, 0);
        assertThat(Batches.gather(List.of(one))).containsExactly(one);
        assertThat(Batches.gather(List.of())).isEmpty();
    }

    @Test
    void framesThatFitGoAsOneBatchInOrder() throws Exception {
        List<byte[]> frames = List.of(event(1, 10), event(2, 0), event(3, 500));

        List<byte[]> gathered = Batches.gather(frames);

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

        List<byte[]> gathered = Batches.gather(frames);

        assertThat(gathered.size()).isGreaterThanOrEqualTo(4);
        for (byte[] frame : gathered) {
            boolean alone = frames.stream().anyMatch(f -> f == frame);
            assertThat(alone || frame.length <= Batches.MAX_BYTES).as("a batch within the frame limit").isTrue();
        }
        assertThat(gathered).as("the oversized frame goes as it was").contains(frames.get(40));
        assertThat(messages(gathered)).containsExactlyElementsOf(messages(frames));
    }
}
