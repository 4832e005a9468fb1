package dev.foyer.server.transport.ws;

import dev.foyer.protocol.CloseCodes;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Outbound;
import dev.foyer.server.live.runtime.JoinGate;
import dev.foyer.server.live.runtime.LiveRuntime;
import dev.foyer.server.live.runtime.MeetingHost;
import dev.foyer.server.meeting.MeetingId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket at {@code /signaling/v1/meetings/{onlineMeetingId}}: parses frames, authenticates
 * the join, and hands everything else to the meeting's single writer. Protocol errors get an
 * {@code error} frame and the connection stays usable.
 *
 * <p>On Jetty's WebSocket core ({@link SignalingSocket}), upgraded by a handler in front of
 * Javalin's ({@link #upgradeHandler}) rather than as a Javalin route: Javalin's WebSocket layer
 * built a context for every upgrade (an HTTP session, copies of the request's attributes, cookies
 * and headers, a random id) and kept it, with the servlet request and Jetty's HTTP connection
 * objects behind it, for as long as the socket lived, and made a context object for every frame
 * (docs/performance.md, item 60).
 */
public final class SignalingEndpoint implements AutoCloseable {
    public static final String PATH = "/signaling/v1/meetings/{onlineMeetingId}";
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    /** Binary frames are not part of the protocol; larger ones close the connection (1009). */
    static final int MAX_BINARY_BYTES = 1024;
    /** A connection whose outbound queue holds this many frames, or this many bytes, is cut off (4100). */
    static final int MAX_QUEUED_FRAMES = 1024;
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);

    private final WireCodec codec;
    private final JoinGate gate;
    private final LiveRuntime runtime;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foyer-ws-timers");
        t.setDaemon(true);
        return t;
    });
    /** A connection the client has sent nothing on for this long, not even a pong, is closed (1001). */
    private final Duration idleTimeout;
    private final Heartbeat<WsConnection> heartbeat;

    /**
     * {@code idleTimeout}: how long a client may stay silent; every connection is pinged every
     * third of it (15 s for the default 45 s), and a live client's WebSocket stack answers each.
     */
    public SignalingEndpoint(WireCodec codec, JoinGate gate, LiveRuntime runtime, Clock clock, Duration idleTimeout) {
        this.codec = codec;
        this.gate = gate;
        this.runtime = runtime;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.heartbeat = new Heartbeat<>(timers, (int) Math.max(1, idleTimeout.toSeconds() / 3), this::beat);
    }

    /**
     * A connection's heartbeat: a ping, or, for a client silent for the idle timeout, the end.
     * Jetty's own idle timeout cannot tell: the pings themselves keep it from expiring.
     */
    private void beat(WsConnection conn) {
        if (conn.silentNanos(System.nanoTime()) >= idleTimeout.toNanos()) {
            heartbeat.remove(conn);
            conn.closeSilent(CloseCodes.IDLE, "nothing heard for " + idleTimeout.toSeconds() + " s");
        } else {
            conn.ping();
        }
    }

    /**
     * The handler that upgrades requests for {@link #PATH} to this endpoint's sockets, answers an
     * upgrade to any other path with a JSON 404, and passes every other request on to the handler
     * it wraps (Javalin's, which {@code Javalin} sets inside it when it is the server's handler).
     */
    public Handler.Wrapper upgradeHandler(Server server) {
        return new SignalingUpgradeHandler(server, new UriTemplatePathSpec(PATH), this::socket, configuration -> {
            // A backstop: the heartbeat's pings keep this from expiring while they go out (beat).
            configuration.setIdleTimeout(idleTimeout);
            // Larger frames come in fragments, which the socket joins up to its own limits.
            configuration.setMaxFrameSize(Protocol.MAX_FRAME_BYTES);
        });
    }

    private FrameHandler socket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        // No extensions, permessage-deflate included: it would compress each frame once per recipient
        // (fan-out encodes once for all) and hold a zlib context (~300 KB native) per connection.
        response.setExtensions(List.of());
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String path = Request.getPathInContext(request);
        String meetingId = path.substring(path.lastIndexOf('/') + 1);
        return new SignalingSocket(new SignalingSocket.Events() {
            @Override
            public WsConnection opened(CoreSession session) {
                return connected(session, origin);
            }

            @Override
            public void text(WsConnection conn, String message) {
                received(conn, meetingId, message);
            }

            @Override
            public void closed(WsConnection conn) {
                SignalingEndpoint.this.closed(conn);
            }
        }, Protocol.MAX_FRAME_BYTES, MAX_BINARY_BYTES);
    }

    private WsConnection connected(CoreSession session, String origin) {
        WsConnection conn = new WsConnection(session, origin, MAX_QUEUED_FRAMES, MAX_QUEUED_BYTES, clock.instant());
        heartbeat.add(conn);
        timers.schedule(() -> {
            if (conn.host() == null) {
                conn.close(CloseCodes.JOIN_TIMEOUT, "no join within " + JOIN_TIMEOUT.toSeconds() + " s");
            }
        }, JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return conn;
    }

    private void received(WsConnection conn, String meetingId, String frame) {
        if (!conn.admitFrame(clock.instant())) {
            conn.close(CloseCodes.FLOOD, "message flood");
            return;
        }
        Command command;
        try {
            command = codec.parse(frame);
        } catch (ProtocolException e) {
            reply(conn, new Outbound.Error(e.requestId(), e.code().wireName(), e.getMessage()));
            return;
        }
        MeetingHost host = conn.host();
        if (host != null) {
            host.command(conn, conn.participantId(), command);
        } else if (command instanceof Command.Join join) {
            join(conn, meetingId, join);
        } else if (command instanceof Command.Resume resume) {
            resume(conn, meetingId, resume);
        } else if (command instanceof Command.Ping ping) {
            reply(conn, new Outbound.Pong(ping.requestId()));
        } else if (command instanceof Command.Leave) {
            conn.close(CloseCodes.NORMAL, "bye");
        } else {
            reply(conn, new Outbound.Error(command.requestId(), ErrorCode.NOT_JOINED.wireName(),
                    "send join (or resume) first"));
        }
    }

    private void join(WsConnection conn, String pathMeetingId, Command.Join join) {
        if (!conn.startJoining()) {
            reply(conn, new Outbound.Error(join.requestId(), ErrorCode.ALREADY_JOINED.wireName(),
                    "a join is already in progress"));
            return;
        }
        conn.readsBatches(join.batch());
        MeetingId meetingId;
        try {
            meetingId = MeetingId.parse(pathMeetingId);
        } catch (FoyerException e) {
            conn.joinFailed();
            refuse(conn, join.requestId(), e);
            return;
        }
        gate.check(join, meetingId, conn.origin()).whenComplete((admitted, failure) -> {
            if (failure == null) {
                enter(conn, meetingId, admitted, join.requestId());
            } else {
                conn.joinFailed();
                refuse(conn, join.requestId(), refusal(failure));
            }
        });
    }

    /**
     * Hands an admitted joiner to its meeting's writer. Runs on the thread that used up the token,
     * usually the one committing tokens for everyone, so it only queues work; the first join of a
     * meeting also starts its host there, which reads the meeting once.
     */
    private void enter(WsConnection conn, MeetingId meetingId, JoinGate.Admitted admitted, String requestId) {
        if (conn.isClosed()) {
            return; // gone while its token was being used up; nobody to let in
        }
        try {
            runtime.hostFor(meetingId).enter(conn, admitted.entrant(), admitted.allowedOrigins(), requestId,
                    (host, participantId) -> {
                        runtime.metrics().joined(Duration.between(conn.connectedAt(), clock.instant()));
                        joined(conn, host, participantId);
                    });
        } catch (RuntimeException e) { // the meeting is gone, or its host could not start
            conn.joinFailed();
            refuse(conn, requestId, refusal(e));
        }
    }

    /** On the meeting's writer: the participant is in; if the connection closed meanwhile, they are gone again. */
    private static void joined(WsConnection conn, MeetingHost host, String participantId) {
        if (!conn.joined(host, participantId)) {
            host.disconnected(conn, participantId);
        }
    }

    /** What to tell a joiner whose join failed: the gate's refusal, or, for anything else, that it failed here. */
    private static FoyerException refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof FoyerException e) {
            return e;
        }
        log.error("join failed", cause);
        return new FoyerException(ErrorCode.INTERNAL, "the join failed on the server; try again");
    }

    private void resume(WsConnection conn, String pathMeetingId, Command.Resume resume) {
        if (!conn.startJoining()) {
            reply(conn, new Outbound.Error(resume.requestId(), ErrorCode.ALREADY_JOINED.wireName(),
                    "a join is already in progress"));
            return;
        }
        conn.readsBatches(resume.batch());
        try {
            if (resume.version() != Protocol.VERSION) {
                throw new FoyerException(ErrorCode.UNSUPPORTED_VERSION,
                        "this server speaks protocol version " + Protocol.VERSION);
            }
            MeetingId meetingId = MeetingId.parse(pathMeetingId);
            runtime.hostFor(meetingId).resume(conn, resume, (host, participantId) -> joined(conn, host, participantId));
        } catch (FoyerException e) {
            conn.joinFailed();
            refuse(conn, resume.requestId(), e);
        }
    }

    private void closed(WsConnection conn) {
        heartbeat.remove(conn);
        conn.closed();
        MeetingHost host = conn.host();
        if (host != null) {
            host.disconnected(conn, conn.participantId());
        }
    }

    private void refuse(WsConnection conn, String requestId, FoyerException e) {
        reply(conn, new Outbound.Error(requestId, e.code().wireName(), e.getMessage()));
        conn.close(CloseCodes.AUTHENTICATION_FAILED, e.getMessage());
    }

    private void reply(WsConnection conn, Outbound message) {
        conn.send(codec.writeUtf8(message));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        gate.close();
    }
}
