package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.junit.jupiter.api.Test;

/**
 * A lean guest reads frames off the wire without decoding those it ignores: what it does with a
 * roster, an error, a chat line, a frame in pieces, and a ping.
 */
class LeanGuestsTest {
    private static final byte CONTINUATION = 0x0;
    private static final byte TEXT = 0x1;
    private static final byte PING = 0x9;

    private final List<String> lines = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final LeanGuests.TextSink sink = new LeanGuests.TextSink() {
        @Override
        public void chat(String text, long nowNanos) {
            lines.add(text);
        }

        @Override
        public void error(String code) {
            errors.add(code);
        }
    };
    private final AtomicInteger succeeded = new AtomicInteger();
    private final Callback callback = Callback.from(succeeded::incrementAndGet, e -> { });

    @Test
    void theRosterTakesTheGuestIntoTheMeetingAndLaterChatReachesTheSink() {
        LeanGuests.Guest guest = guest(sink);

        guest.frame(text("{\"type\":\"joined\",\"seq\":1,\"participantId\":\"p1\"}", true), callback);
        assertThat(guest.inMeeting).isNotDone();
        guest.frame(text("{\"type\":\"snapshot\",\"seq\":2,\"participants\":[]}", true), callback);
        assertThat(guest.inMeeting).isCompleted();

        guest.frame(text("{\"type\":\"participant.joined\",\"seq\":3}", true), callback);
        guest.frame(text("{\"type\":\"chat\",\"seq\":4,\"text\":\"grüß dich ✓\",\"from\":\"p2\"}", true), callback);
        guest.frame(text("{\"type\":\"chat\",\"seq\":5,\"text\":\"say \\\"hi\\\" \\u00e9\",\"from\":\"p2\"}", true),
                callback);
        guest.frame(text("{\"type\":\"error\",\"re\":\"r1\",\"code\":\"rate_limited\",\"message\":\"slow down\"}", true),
                callback);

        assertThat(lines).containsExactly("grüß dich ✓", "say \"hi\" é");
        assertThat(errors).containsExactly("rate_limited");
        assertThat(succeeded).hasValue(6);
    }

    @Test
    void anErrorBeforeTheRosterFailsTheJoinWithTheServersWords() {
        LeanGuests.Guest guest = guest(null);

        guest.frame(text("{\"type\":\"error\",\"code\":\"token_revoked\",\"message\":\"the token was revoked\"}", true),
                callback);

        assertThat(guest.inMeeting).isCompletedExceptionally();
        assertThat(guest.inMeeting.handle((g, e) -> e.getMessage()).join())
                .contains("token_revoked: the token was revoked");
    }

    @Test
    void aMessageInSeveralFramesIsReadAsOne() {
        LeanGuests.Guest guest = guest(sink);
        guest.frame(text("{\"type\":\"snapshot\",\"seq\":2}", true), callback);

        byte[] whole = "{\"type\":\"chat\",\"seq\":5,\"text\":\"héllo\"}".getBytes(StandardCharsets.UTF_8);
        int cut = 33; // inside the two bytes of "é"
        guest.frame(frame(TEXT, ByteBuffer.wrap(whole, 0, cut).slice(), false), callback);
        guest.frame(frame(CONTINUATION, ByteBuffer.wrap(whole, cut, whole.length - cut).slice(), true), callback);

        assertThat(lines).containsExactly("héllo");
    }

    @Test
    void withoutASinkFramesAfterTheRosterAndPingsAreLeftAlone() {
        LeanGuests.Guest guest = guest(null);
        guest.frame(text("{\"type\":\"snapshot\",\"seq\":2}", true), callback);

        guest.frame(text("{\"type\":\"chat\",\"seq\":3,\"text\":\"hi\"}", true), callback);
        guest.frame(frame(PING, ByteBuffer.wrap(new byte[] {1, 2}), true), callback);

        assertThat(guest.inMeeting).isCompleted();
        assertThat(succeeded).hasValue(3);
    }

    private static LeanGuests.Guest guest(LeanGuests.TextSink sink) {
        return new LeanGuests.Guest(new Tickets.Ticket("m1", "http://x/meet/a/m1", "t", "http://x/discover", "Guest"),
                sink);
    }

    private static Frame text(String json, boolean fin) {
        return frame(TEXT, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), fin);
    }

    private static Frame frame(byte opCode, ByteBuffer payload, boolean fin) {
        return new Frame() {
            @Override
            public byte[] getMask() {
                return null;
            }

            @Override
            public byte getOpCode() {
                return opCode;
            }

            @Override
            public ByteBuffer getPayload() {
                return payload.asReadOnlyBuffer();
            }

            @Override
            public int getPayloadLength() {
                return payload.remaining();
            }

            @Override
            public Type getType() {
                return Type.from(opCode);
            }

            @Override
            public boolean hasPayload() {
                return payload.hasRemaining();
            }

            @Override
            public boolean isFin() {
                return fin;
            }

            @Override
            public boolean isMasked() {
                return false;
            }

            @Override
            public boolean isRsv1() {
                return false;
            }

            @Override
            public boolean isRsv2() {
                return false;
            }

            @Override
            public boolean isRsv3() {
                return false;
            }

            @Override
            public byte getEffectiveOpCode() {
                return opCode;
            }
        };
    }
}
