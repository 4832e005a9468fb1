package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lean guest reads frames off the wire without decoding those it ignores: what it asks
 * discovery, and what it does with a roster, an error, a chat line, a frame in pieces, a ping and
 * a close. Its handler runs in an {@link EmbeddedChannel}; BenchCommandTest runs it against a server.
 */
class LeanGuestsTest {
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
    private static final Tickets.Ticket TICKET = new Tickets.Ticket("m1", "http://127.0.0.1:8800/meet/a/m1", "t",
            "http://127.0.0.1:8800/discover/m1?x=1", "Guest");
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void discoveryIsAskedWithTheTokenOnTheGuestsConnection() {
        channel = new EmbeddedChannel(new LeanGuests.Guest(TICKET, null));

        FullHttpRequest get = channel.readOutbound();
        try {
            assertThat(get.uri()).isEqualTo("/discover/m1?x=1");
            assertThat(get.headers().get(HttpHeaderNames.HOST)).isEqualTo("127.0.0.1:8800");
            assertThat(get.headers().get(HttpHeaderNames.AUTHORIZATION)).isEqualTo("Bearer t");
            assertThat(get.headers().get(HttpHeaderNames.ACCEPT)).isEqualTo("application/json");
        } finally {
            get.release();
        }
    }

    @Test
    void theRosterTakesTheGuestIntoTheMeetingAndLaterChatReachesTheSink() {
        LeanGuests.Guest guest = guest(sink);

        channel.writeInbound(text("{\"type\":\"joined\",\"seq\":1,\"participantId\":\"p1\"}"));
        assertThat(guest.inMeeting).isNotDone();
        channel.writeInbound(text("{\"type\":\"snapshot\",\"seq\":2,\"participants\":[]}"));
        assertThat(guest.inMeeting).isCompleted();

        channel.writeInbound(text("{\"type\":\"participant.joined\",\"seq\":3}"));
        channel.writeInbound(text("{\"type\":\"chat\",\"seq\":4,\"text\":\"grüß dich ✓\",\"from\":\"p2\"}"));
        channel.writeInbound(text("{\"type\":\"chat\",\"seq\":5,\"text\":\"say \\\"hi\\\" \\u00e9\",\"from\":\"p2\"}"));
        channel.writeInbound(text("{\"type\":\"error\",\"re\":\"r1\",\"code\":\"rate_limited\",\"message\":\"slow\"}"));

        assertThat(lines).containsExactly("grüß dich ✓", "say \"hi\" é");
        assertThat(errors).containsExactly("rate_limited");
    }

    @Test
    void aBatchIsReadMessageByMessageInOrder() {
        LeanGuests.Guest guest = guest(sink);

        channel.writeInbound(text(batch("{\"type\":\"joined\",\"seq\":1,\"participantId\":\"p1\"}",
                "{\"type\":\"snapshot\",\"seq\":2,\"participants\":[{\"participantId\":\"p1\"}]}")));
        assertThat(guest.inMeeting).isCompleted();

        channel.writeInbound(text(batch("{\"type\":\"typing\",\"from\":\"p2\"}",
                "{\"type\":\"chat\",\"seq\":4,\"text\":\"one\",\"from\":\"p2\"}",
                "{\"type\":\"participant.joined\",\"seq\":5,\"participant\":{\"displayName\":\"{\\\"type\\\":\\\"chat\\\",\"}}",
                "{\"type\":\"chat\",\"seq\":6,\"text\":\"say \\\"two\\\"\",\"from\":\"p2\"}",
                "{\"type\":\"error\",\"re\":\"r1\",\"code\":\"rate_limited\",\"message\":\"slow\"}",
                "{\"type\":\"chat\",\"seq\":7,\"text\":\"three\",\"from\":\"p2\"}")));

        assertThat(lines).as("each chat once, in order; a name that looks like a message is none")
                .containsExactly("one", "say \"two\"", "three");
        assertThat(errors).containsExactly("rate_limited");
    }

    @Test
    void anErrorBeforeTheRosterFailsTheJoinWithTheServersWords() {
        LeanGuests.Guest guest = guest(null);

        channel.writeInbound(text("{\"type\":\"error\",\"code\":\"token_revoked\",\"message\":\"the token was revoked\"}"));

        assertThat(guest.inMeeting).isCompletedExceptionally();
        assertThat(guest.inMeeting.handle((g, e) -> e.getMessage()).join())
                .contains("token_revoked: the token was revoked");
    }

    @Test
    void aMessageInSeveralFramesIsReadAsOne() {
        guest(sink);
        channel.writeInbound(text("{\"type\":\"snapshot\",\"seq\":2}"));

        byte[] whole = "{\"type\":\"chat\",\"seq\":5,\"text\":\"héllo\"}".getBytes(StandardCharsets.UTF_8);
        int cut = 33; // inside the two bytes of "é"
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(whole, 0, cut)));
        assertThat(lines).isEmpty();
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0,
                Unpooled.wrappedBuffer(whole, cut, whole.length - cut)));

        assertThat(lines).containsExactly("héllo");
    }

    @Test
    void aBatchInPiecesAsTheServerSendsItTakesTheGuestIn() {
        LeanGuests.Guest guest = guest(sink);
        String snapshot = "{\"type\":\"snapshot\",\"seq\":2,\"participants\":[{\"participantId\":\"p1\"}]}";

        // The batch's head with the joiner's own joined, its snapshot by reference, then a slice
        // of roster changes shared with others (Batches on the server).
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer(
                "{\"type\":\"batch\",\"events\":[{\"type\":\"joined\",\"seq\":1,\"participantId\":\"p1\"},",
                StandardCharsets.UTF_8)));
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, Unpooled.copiedBuffer(snapshot, StandardCharsets.UTF_8)));
        assertThat(guest.inMeeting).isNotDone();
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(
                ",{\"type\":\"participant.joined\",\"seq\":3},{\"type\":\"chat\",\"seq\":4,\"text\":\"hi\"}]}",
                StandardCharsets.UTF_8)));

        assertThat(guest.inMeeting).isCompleted();
        assertThat(lines).as("what follows the roster in the same batch").containsExactly("hi");
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndFramesAfterTheRosterAreLeftAloneWithoutASink() {
        LeanGuests.Guest guest = guest(null);
        channel.writeInbound(text("{\"type\":\"snapshot\",\"seq\":2}"));

        channel.writeInbound(text("{\"type\":\"chat\",\"seq\":3,\"text\":\"hi\"}"));
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));

        assertThat(guest.inMeeting).isCompleted();
        PongWebSocketFrame pong = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(pong.content())).containsExactly(1, 2);
        } finally {
            pong.release();
        }
    }

    @Test
    void theServersCloseIsAnsweredAndEndsTheGuestWithItsCode() {
        LeanGuests.Guest guest = guest(null);

        channel.writeInbound(new CloseWebSocketFrame(4003, "authentication failed"));

        CloseWebSocketFrame reply = channel.readOutbound();
        try {
            assertThat(reply.statusCode()).isEqualTo(4003);
        } finally {
            reply.release();
        }
        channel.runPendingTasks();
        assertThat(channel.isActive()).isFalse();
        assertThat(guest.closed).isCompletedWithValue(4003);
        assertThat(guest.inMeeting.handle((g, e) -> e.getMessage()).join()).contains("4003");
    }

    @Test
    void framesItWritesByHandQuoteNamesAndTextAsJsonDoes() throws Exception {
        String awkward = "Zoë \"Z\" \\ </script>\n\u0001";

        String quoted = LeanGuests.Guest.quoted(awkward);

        assertThat(new ObjectMapper().readValue(quoted, String.class)).isEqualTo(awkward);
    }

    /** A guest on a fresh embedded connection, its discovery request read off. */
    private LeanGuests.Guest guest(LeanGuests.TextSink textSink) {
        LeanGuests.Guest guest = new LeanGuests.Guest(TICKET, textSink);
        channel = new EmbeddedChannel(guest);
        ((FullHttpRequest) channel.readOutbound()).release();
        return guest;
    }

    /** A {@code batch} frame's text, as the server writes it. */
    private static String batch(String... messages) {
        return "{\"type\":\"batch\",\"events\":[" + String.join(",", messages) + "]}";
    }

    private static TextWebSocketFrame text(String json) {
        return new TextWebSocketFrame(json);
    }
}
