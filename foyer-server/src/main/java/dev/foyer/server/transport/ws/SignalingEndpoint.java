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
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket at {@code /signaling/v1/meetings/{onlineMeetingId}}: parses frames, authenticates
 * the join, and hands everything else to the meeting's single writer. Protocol errors get an
 * {@code error} frame and the connection stays usable.
 */
public final class SignalingEndpoint implements AutoCloseable {
    public static final String PATH = "/signaling/v1/meetings/{onlineMeetingId}";
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    /** A connection whose outbound queue holds this many frames, or this many bytes, is cut off (4100). */
    static final int MAX_QUEUED_FRAMES = 1024;
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);
    private static final String CONNECTION = "foyer.connection";

    private final WireCodec codec;
    private final JoinGate gate;
    private final LiveRuntime runtime;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foyer-ws-timers");
        t.setDaemon(true);
        return t;
    });

    public SignalingEndpoint(WireCodec codec, JoinGate gate, LiveRuntime runtime, Clock clock) {
        this.codec = codec;
        this.gate = gate;
        this.runtime = runtime;
        this.clock = clock;
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(ctx -> received(ctx, ctx.message()));
        ws.onClose(ctx -> closed(ctx));
        ws.onError(ctx -> log.debug("websocket error session={}", ctx.sessionId(), ctx.error()));
    }

    private void connected(WsContext ctx) {
        WsConnection conn = new WsConnection(ctx.session, ctx.header("Origin"), MAX_QUEUED_FRAMES, MAX_QUEUED_BYTES,
                clock.instant());
        ctx.attribute(CONNECTION, conn);
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        timers.schedule(() -> {
            if (conn.host() == null) {
                conn.close(CloseCodes.JOIN_TIMEOUT, "no join within " + JOIN_TIMEOUT.toSeconds() + " s");
            }
        }, JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void received(WsContext ctx, String frame) {
        WsConnection conn = ctx.attribute(CONNECTION);
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
            join(ctx, conn, join);
        } else if (command instanceof Command.Resume resume) {
            resume(ctx, conn, resume);
        } else if (command instanceof Command.Ping ping) {
            reply(conn, new Outbound.Pong(ping.requestId()));
        } else if (command instanceof Command.Leave) {
            conn.close(CloseCodes.NORMAL, "bye");
        } else {
            reply(conn, new Outbound.Error(command.requestId(), ErrorCode.NOT_JOINED.wireName(),
                    "send join (or resume) first"));
        }
    }

    private void join(WsContext ctx, WsConnection conn, Command.Join join) {
        if (!conn.startJoining()) {
            reply(conn, new Outbound.Error(join.requestId(), ErrorCode.ALREADY_JOINED.wireName(),
                    "a join is already in progress"));
            return;
        }
        conn.readsBatches(join.batch());
        MeetingId meetingId;
        try {
            meetingId = MeetingId.parse(ctx.pathParam("onlineMeetingId"));
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

    private void resume(WsContext ctx, WsConnection conn, Command.Resume resume) {
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
            MeetingId meetingId = MeetingId.parse(ctx.pathParam("onlineMeetingId"));
            runtime.hostFor(meetingId).resume(conn, resume, (host, participantId) -> joined(conn, host, participantId));
        } catch (FoyerException e) {
            conn.joinFailed();
            refuse(conn, resume.requestId(), e);
        }
    }

    private void closed(WsContext ctx) {
        WsConnection conn = ctx.attribute(CONNECTION);
        if (conn == null) {
            return;
        }
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
