package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.live.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A participant copied from the cache is byte for byte the one written field by field. */
class EncodedParticipantsTest {
    private static final Instant AT = Instant.parse("2026-11-29T17:30:00.123456Z");

    private static ParticipantView view(String name, boolean audioMuted, Instant waitingSince) {
        return new ParticipantView("p_1", name, Role.GUEST, true, audioMuted, true, false, AT, waitingSince);
    }

    private static String fieldByField(ParticipantView p) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder();
        try (JsonGenerator g = WireCodec.jsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            Shapes.writeParticipant(g, p);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String cached(ParticipantView p) {
        return new String(EncodedParticipants.mine().of(p).asUnquotedUTF8(), StandardCharsets.UTF_8);
    }

    @Test
    void theCachedBytesAreTheWrittenOnesWhateverTheName() throws IOException {
        for (String name : new String[] {"Ada", "Zoë \"Z\" \\ </script>", "emoji 😀 ok", "lone \ud800 half", "\u2028"}) {
            ParticipantView p = view(name, true, AT);
            assertThat(cached(p)).as(name).isEqualTo(fieldByField(p));
            assertThat(cached(p)).as("again, from the cache").isEqualTo(fieldByField(p));
        }
    }

    @Test
    void aViewIsWrittenOnceAndAChangedOneAfresh() {
        ParticipantView before = view("Ada", true, null);
        ParticipantView after = view("Ada", false, null);

        assertThat(EncodedParticipants.mine().of(before)).isSameAs(EncodedParticipants.mine().of(before));
        assertThat(cached(before)).contains("\"audioMuted\":true");
        assertThat(cached(after)).contains("\"audioMuted\":false");
        assertThat(cached(before)).doesNotContain("waitingSince");
    }

    @Test
    void everyThreadHasItsOwn() throws Exception {
        EncodedParticipants[] other = new EncodedParticipants[1];
        Thread t = new Thread(() -> other[0] = EncodedParticipants.mine());
        t.start();
        t.join();
        assertThat(other[0]).isNotNull().isNotSameAs(EncodedParticipants.mine());
    }
}
