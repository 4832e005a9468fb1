package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.protocol.CloseCodes;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.testing.LogCapture;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and malformed frames from joined participants and from connections that never joined.
 * Seeded: rerun a failure with {@code -Dfuzz.seed=<seed>}.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final int FRAMES = 2000;
    /** Paced below the flood limit (200 frames a second per connection) on purpose: floods are another test. */
    private static final Duration PAUSE = Duration.ofMillis(3);
    private static final String[] CLIENT_TYPES = {"join", "resume", "chat.send", "typing", "media.update", "signal",
        "lobby.admit", "lobby.admitAll", "lobby.deny", "participant.setRole", "participant.remove",
        "participant.requestMute", "meeting.end", "ping", "leave"};
    private static final Set<String> SERVER_TYPES = Set.of("joined", "lobby.waiting", "snapshot",
            "participant.joined", "participant.updated", "participant.left", "lobby.entered", "lobby.left",
            "admitted", "denied", "chat", "chat.ack", "typing", "mute.requested", "signal", "ended", "error", "pong");
    private static final Set<String> CLIENT_ERRORS = Arrays.stream(ErrorCode.values())
            .filter(c -> c != ErrorCode.INTERNAL && c != ErrorCode.UNAVAILABLE)
            .map(ErrorCode::wireName).collect(Collectors.toSet());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Timeout(60)
    void randomAndMalformedFramesNeitherBreakTheServerNorTheMeeting() {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana");
        List<Joined> joined = List.of(s.join(s.guestToken("fuzz-1"), "Fuzz One"), s.join(s.guestToken("fuzz-2"),
                "Fuzz Two"));
        Random random = new Random(SEED);
        Fuzzer fuzzer = new Fuzzer(random, List.of(dana.participantId(), joined.get(0).participantId(),
                joined.get(1).participantId()), dana.resumeToken());
        List<WsClient> unjoined = new ArrayList<>(List.of(WsClient.connect(s.signalingUrl()),
                WsClient.connect(s.signalingUrl())));
        List<WsClient> retired = new ArrayList<>();
        long started = System.nanoTime();

        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < FRAMES; i++) {
                int lane = i % 4;
                if (lane < 2) {
                    joined.get(lane).client().send(fuzzer.frame(false));
                } else {
                    WsClient c = unjoined.get(lane - 2);
                    if (c.isClosed()) {
                        retired.add(c);
                        c = WsClient.connect(s.signalingUrl());
                        unjoined.set(lane - 2, c);
                    }
                    c.send(fuzzer.frame(true));
                }
                LockSupport.parkNanos(PAUSE.toNanos());
            }
            for (Joined j : joined) {
                assertRepliesOnly(j.client(), "seed " + SEED);
                assertThat(j.client().isClosed()).as("a joined fuzzer stays connected (seed %d)", SEED).isFalse();
            }
            unjoined.forEach(retired::add);
            for (WsClient c : retired) {
                if (c.isClosed()) {
                    // Closed by a fuzzed leave, as unauthenticated, or, on a slow machine, for not joining in time.
                    assertThat(c.awaitClose()).as("seed %d", SEED).isIn(CloseCodes.NORMAL, CloseCodes.AUTHENTICATION_FAILED,
                            CloseCodes.JOIN_TIMEOUT);
                } else {
                    assertRepliesOnly(c, "seed " + SEED);
                }
                c.seen().forEach(m -> assertWellFormed(m, "seed " + SEED));
            }

            assertThat(server.api().get("/healthz").status()).isEqualTo(200);
            Joined fresh = s.join(s.guestToken("after-fuzz"), "Fresh");
            fresh.client().awaitType("snapshot");
            fresh.client().send(message("chat.send").put("clientMessageId", "fresh").put("text", "still works"));
            dana.client().await(m -> "still works".equals(m.path("text").asText()), "the fresh participant's chat");
            dana.client().seen().forEach(m -> assertWellFormed(m, "seed " + SEED));
            assertThat(logs.warnings()).as("server warnings (seed %d)", SEED).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        joined.forEach(j -> j.client().close());
        dana.client().close();
    }

    /** A ping round trip: everything before the pong must be a well-formed server frame. */
    private static void assertRepliesOnly(WsClient c, String context) {
        String id = "sync-" + System.nanoTime();
        c.send(message("ping").put("id", id));
        c.await(m -> id.equals(m.path("re").asText()), "the reply to " + id);
        c.seen().forEach(m -> assertWellFormed(m, context));
    }

    private static void assertWellFormed(JsonNode m, String context) {
        String type = m.path("type").asText();
        assertThat(SERVER_TYPES).as("frame type of %s (%s)", m, context).contains(type);
        if (type.equals("error")) {
            assertThat(CLIENT_ERRORS).as("error code of %s (%s)", m, context).contains(m.path("code").asText());
        }
    }

    /** Generates frames: junk, truncated JSON, wrong types, valid types with random fields, big values. */
    private static final class Fuzzer {
        private final Random random;
        private final List<String> participantIds;
        private final String someResumeToken;

        Fuzzer(Random random, List<String> participantIds, String someResumeToken) {
            this.random = random;
            this.participantIds = participantIds;
            this.someResumeToken = someResumeToken;
        }

        String frame(boolean unjoined) {
            return switch (random.nextInt(8)) {
                case 0 -> junk(random.nextInt(200));
                case 1 -> {
                    String valid = validish(unjoined).toString();
                    yield valid.substring(0, random.nextInt(valid.length()));
                }
                case 2 -> wrongTypes().toString();
                case 3 -> "{\"type\":\"chat.send\",\"clientMessageId\":\"" + "c".repeat(random.nextInt(70))
                        + "\",\"text\":\"" + "t".repeat(3990 + random.nextInt(20)) + "\"}";
                case 4 -> "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(random.nextInt(60_000)) + "\"}";
                case 5 -> "[".repeat(random.nextInt(40)) + "]".repeat(random.nextInt(40));
                case 6 -> "{\"type\":\"" + pick(CLIENT_TYPES) + "\",\"type\":\"ping\"}";
                default -> validish(unjoined).toString();
            };
        }

        /** One of the protocol's types with fields drawn from plausible and implausible values. */
        private ObjectNode validish(boolean unjoined) {
            String type = pick(CLIENT_TYPES);
            if (!unjoined && type.equals("leave")) {
                type = "typing"; // leaving would end the joined fuzzer's run
            }
            ObjectNode m = message(type);
            if (random.nextBoolean()) {
                m.put("id", junk(random.nextInt(80)));
            }
            for (String field : new String[] {"v", "token", "displayName", "resumeToken", "lastSeq", "clientMessageId",
                "text", "audioMuted", "videoMuted", "screenSharing", "to", "kind", "data", "participantId", "role",
                "reason"}) {
                if (random.nextInt(3) == 0) {
                    m.set(field, value(field));
                }
            }
            return m;
        }

        private JsonNode value(String field) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (field) {
                case "v" -> f.numberNode(random.nextInt(3) == 0 ? random.nextLong() : 1);
                case "lastSeq" -> f.numberNode(random.nextInt(4) == 0 ? -1 : random.nextInt(100));
                case "to", "participantId" -> f.textNode(random.nextBoolean() ? pick(participantIds) : junk(20));
                case "resumeToken" -> f.textNode(random.nextBoolean() ? someResumeToken : junk(40));
                case "kind" -> f.textNode(pick(new String[] {"offer", "answer", "ice", "bogus"}));
                case "role" -> f.textNode(pick(new String[] {"presenter", "attendee", "organizer", "guest"}));
                case "audioMuted", "videoMuted", "screenSharing" -> f.booleanNode(random.nextBoolean());
                case "data" -> {
                    ObjectNode data = f.objectNode();
                    data.put("sdp", "s".repeat(random.nextInt(33_000)));
                    yield data;
                }
                default -> random.nextInt(4) == 0 ? anything(2) : f.textNode(junk(random.nextInt(100)));
            };
        }

        /** A valid type whose fields all have random JSON types. */
        private ObjectNode wrongTypes() {
            ObjectNode m = message(pick(CLIENT_TYPES));
            for (String field : new String[] {"v", "token", "text", "clientMessageId", "to", "data", "participantId",
                "lastSeq", "audioMuted", "id"}) {
                m.set(field, anything(3));
            }
            if (m.get("type").asText().equals("leave")) {
                m.put("type", "typing");
            }
            return m;
        }

        private JsonNode anything(int depth) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            switch (random.nextInt(depth > 0 ? 8 : 6)) {
                case 0: return f.nullNode();
                case 1: return f.numberNode(random.nextLong());
                case 2: return f.numberNode(random.nextDouble() * 1e300);
                case 3: return f.booleanNode(random.nextBoolean());
                case 4: return f.textNode(junk(random.nextInt(30)));
                case 5: return f.numberNode(new java.math.BigInteger(130, random));
                case 6: {
                    ArrayNode a = f.arrayNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        a.add(anything(depth - 1));
                    }
                    return a;
                }
                default: {
                    ObjectNode o = f.objectNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        o.set(junk(5), anything(depth - 1));
                    }
                    return o;
                }
            }
        }

        /** Random characters, control characters and surrogate halves included. */
        private String junk(int length) {
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                b.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(0x80)));
            }
            return b.toString();
        }

        private <T> T pick(T[] values) {
            return values[random.nextInt(values.length)];
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
