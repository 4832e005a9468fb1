package dev.foyer.sdk.internal;

import dev.foyer.protocol.CloseCodes;
import dev.foyer.protocol.Protocol;
import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.ConversationListener;
import dev.foyer.sdk.ConversationState;
import dev.foyer.sdk.EndReason;
import dev.foyer.sdk.FoyerException;
import dev.foyer.sdk.FoyerException.Kind;
import dev.foyer.sdk.FoyerLogger;
import dev.foyer.sdk.IceServer;
import dev.foyer.sdk.LobbyWait;
import dev.foyer.sdk.MediaEngine;
import dev.foyer.sdk.MeetingInfo;
import dev.foyer.sdk.Participant;
import dev.foyer.sdk.SignalKind;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The conversation's state machine: joins, handles every server message, resumes after network
 * loss, and ends. Every method runs on the conversation's {@link Actor} thread, so its fields
 * need no locks; what app threads see is the {@link View} it publishes with each callback.
 */
final class Session {
    /** How many times a join the server could not admit at the time is tried again. */
    static final int JOIN_RETRIES = 3;

    private final RealConversation conversation;
    private final ClientContext ctx;
    private final JoinRequest request;
    private final ConversationListener listener;
    private final Actor actor;
    private final CallbackQueue callbacks;
    private final JoinSteps steps;
    private final Backoff backoff;
    private final FoyerLogger log;

    private ConversationState state = ConversationState.ESTABLISHING;
    /** The state a reconnect returns to: IN_LOBBY or ESTABLISHED. */
    private ConversationState interrupted;
    private EndReason endReason;
    private MeetingInfo meeting;
    private Participant self;
    private String signalingUrl;
    private List<IceServer> iceServers = Collections.emptyList();
    /**
     * The single-use join token; dropped once joined (kept until then, for a join the server
     * could not admit at the time and asked to try again).
     */
    private String token;
    private String resumeToken;
    private long lastSeq;
    private final Members roster = new Members();
    private final Members lobby = new Members();
    private final ChatLog chat = new ChatLog();
    private LobbyWait lobbyWait;

    private WebSocket socket;
    /** Counts sockets: callbacks from an older one are ignored. */
    private int generation;
    /**
     * Set while the current socket is the one opened, alongside discovery, to the signaling URL
     * predicted for the token, and nothing has been sent on it: the token waits until discovery
     * names this very URL (then {@link #signalingUrl} is set and the two agree). Null otherwise.
     */
    private HttpUrl predicted;
    /** Whether the predicted socket has opened (its {@code join} then waits only for discovery). */
    private boolean predictedOpen;
    /** Whether the current socket has received {@code joined}. */
    private boolean joinedOnSocket;
    private int attempt;
    private long reconnectDeadline;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> timer;
    private boolean leaving;
    private FoyerException lastJoinError;
    /** Joins tried again after the server answered {@code unavailable}. */
    private int joinRetries;
    /** Whether the current socket's join was refused as {@code unavailable}, to be tried again once it closes. */
    private boolean joinRetryDue;
    private int requests;
    private String publishedCapabilities = View.INITIAL.capabilities();
    private volatile MediaEngine engine = MediaEngine.NONE;

    Session(RealConversation conversation, ClientContext ctx, JoinRequest request, ConversationListener listener) {
        this.conversation = conversation;
        this.ctx = ctx;
        this.request = request;
        this.listener = listener;
        this.log = ctx.logger;
        this.actor = new Actor(ctx.logger);
        this.callbacks = new CallbackQueue(ctx.callbackExecutor != null ? ctx.callbackExecutor : actor, ctx.logger);
        this.steps = new JoinSteps(ctx.http, actor);
        this.backoff = new Backoff(ctx.backoffInitialMillis, ctx.backoffMaxMillis, new SecureRandom());
        this.token = request.token;
    }

    /** Runs {@code task} on the conversation's thread. */
    void submit(Runnable task) {
        actor.execute(task);
    }

    void setEngine(MediaEngine engine) {
        this.engine = engine == null ? MediaEngine.NONE : engine;
    }

    // ---- joining -------------------------------------------------------------------------

    void start() {
        timer = actor.schedule(() -> {
            if (state == ConversationState.ESTABLISHING) {
                fail(new FoyerException(Kind.NETWORK, "could not join within " + ctx.joinTimeoutMillis / 1000 + " s"));
            }
        }, ctx.joinTimeoutMillis);
        if (request.meetingUrl != null) {
            log.log(FoyerLogger.Level.INFO, "resolving meeting URL", null);
            steps.anonymousTicket(request.meetingUrl, (ticket, error) -> {
                if (error != null) {
                    fail(error);
                } else if (state == ConversationState.ESTABLISHING) {
                    token = ticket.token;
                    discover(ticket.discoverUri, request.meetingUrl);
                }
            });
        } else {
            discover(request.discoverUri, request.joinUrl);
        }
    }

    /**
     * Discovers the signaling endpoint and, when the token and the discovery URI let it be
     * predicted, opens the WebSocket to it at the same time: a join then takes two round trips in
     * sequence (discovery and the upgrade together, then {@code join}) instead of three.
     */
    private void discover(String discoverUri, String joinUrl) {
        HttpUrl prediction = SignalingPrediction.predict(discoverUri, token);
        steps.discover(discoverUri, token, joinUrl, (d, error) -> {
            if (error != null) {
                fail(error); // closes a predicted socket too, nothing sent on it
            } else if (state == ConversationState.ESTABLISHING) {
                discovered(d);
            }
        });
        if (prediction != null && state == ConversationState.ESTABLISHING) {
            log.log(FoyerLogger.Level.DEBUG, "opening the predicted signaling connection while discovery runs", null);
            open(new Request.Builder().url(prediction).build());
            predicted = prediction;
        }
    }

    private void discovered(JoinSteps.Discovery d) {
        meeting = d.meeting;
        signalingUrl = d.signalingUrl;
        iceServers = d.iceServers;
        log.log(FoyerLogger.Level.INFO, "connecting to meeting " + meeting.onlineMeetingId(), null);
        if (predicted != null) {
            if (SignalingPrediction.confirmedBy(predicted, signalingUrl)) {
                if (predictedOpen) {
                    opened(socket);
                } // else: join as it opens
                return;
            }
            log.log(FoyerLogger.Level.DEBUG, "discovery named another signaling URL than predicted", null);
            WebSocket unused = socket;
            forgetPredicted();
            unused.close(CloseCodes.NORMAL, null);
        }
        connect();
    }

    /** The predicted socket closed or failed before carrying anything: join as if there had been no prediction. */
    private void predictedLost(String why) {
        log.log(FoyerLogger.Level.DEBUG, "the predicted signaling connection was lost (" + why + ")", null);
        forgetPredicted();
        if (signalingUrl != null) {
            connect(); // discovery has answered already
        }
    }

    private void forgetPredicted() {
        socket = null;
        generation++;
        predicted = null;
        predictedOpen = false;
    }

    private void connect() {
        Request r;
        try {
            r = new Request.Builder().url(signalingUrl).build();
        } catch (IllegalArgumentException e) {
            fail(new FoyerException(Kind.SERVER, "the signaling URL is not a ws(s) URL"));
            return;
        }
        open(r);
    }

    private void open(Request r) {
        int gen = ++generation;
        joinedOnSocket = false;
        lastJoinError = null;
        socket = ctx.webSockets.newWebSocket(r, new SocketListener(gen));
    }

    private void opened(WebSocket ws) {
        if (predicted != null) {
            if (signalingUrl == null) {
                predictedOpen = true; // the token waits for discovery to name this URL
                return;
            }
            predicted = null; // discovery named it: from here on an ordinary signaling socket
            predictedOpen = false;
        }
        if (resumeToken == null) {
            String name = request.displayName == null ? "" : request.displayName;
            ws.send(new Json.Frame("join").put("v", Protocol.VERSION).put("token", token).put("displayName", name)
                    .put("batch", true).toString());
        } else {
            ws.send(new Json.Frame("resume").put("v", Protocol.VERSION).put("resumeToken", resumeToken)
                    .put("lastSeq", lastSeq).put("batch", true).toString());
        }
    }

    // ---- server messages -----------------------------------------------------------------

    private void received(String text) {
        JsonObject m;
        try {
            m = Json.parseObject(text);
        } catch (IOException e) {
            log.log(FoyerLogger.Level.WARN, "ignoring a frame that is not a JSON object", e);
            return;
        }
        if ("batch".equals(m.string("type"))) {
            // Several messages that left the server together (we asked for them in join/resume).
            for (JsonObject event : m.objects("events")) {
                handle(event);
            }
        } else {
            handle(m);
        }
        publishCapabilities();
    }

    /** One server message, alone or from a batch. */
    private void handle(JsonObject m) {
        String type = m.string("type");
        if (type == null) {
            return;
        }
        if (m.has("seq") && Inbound.SEQUENCED.contains(type)) {
            long seq = m.number("seq", 0);
            if (seq <= lastSeq) {
                return; // already seen (a replay overlapping what we had)
            }
            lastSeq = seq;
        }
        Inbound.dispatch(this, type, m);
    }

    void onJoined(JsonObject m) {
        boolean resumed = self != null;
        resumeToken = m.string("resumeToken");
        Participant me = Wire.participant(m.object("self"));
        if (me != null) {
            self = me;
        }
        JsonObject mm = m.object("meeting");
        if (mm != null && mm.string("onlineMeetingId") != null) {
            meeting = new MeetingInfo(mm.string("onlineMeetingId"), mm.string("subject"),
                    meeting != null ? meeting.joinUrl() : request.joinUrl);
        }
        if (!resumed) {
            lastSeq = Math.max(lastSeq, m.number("seq", 0));
        }
        joinedOnSocket = true;
        token = null; // single use: never kept longer than needed
        attempt = 0;
        cancel(timer);
        ConversationState next = "lobby".equals(m.string("state")) ? ConversationState.IN_LOBBY : ConversationState.ESTABLISHED;
        log.log(FoyerLogger.Level.INFO, (resumed ? "resumed" : "joined") + " as " + self + " state=" + next, null);
        setState(next);
        if (resumed && next == ConversationState.ESTABLISHED) {
            MediaEngine e = engine;
            post(() -> e.onSessionResumed(conversation));
        }
        if (next == ConversationState.ESTABLISHED) {
            for (ChatMessage pending : chat.pending()) {
                sendChat(pending);
            }
        }
    }

    void onLobbyWaiting(JsonObject m) {
        JsonObject reason = m.object("reason");
        LobbyWait wait = new LobbyWait(m.instant("since"), m.instant("timeoutAt"),
                reason == null ? null : reason.string("code"), reason == null ? null : reason.string("message"));
        lobbyWait = wait;
        emit(l -> l.onLobbyWaiting(conversation, wait));
    }

    void onSnapshot(JsonObject m) {
        lastSeq = Math.max(lastSeq, m.number("seq", 0));
        roster.clear();
        for (Participant p : Wire.participants(m.objects("participants"))) {
            roster.put(p.id(), p);
        }
        lobby.clear();
        for (Participant p : Wire.participants(m.objects("lobby"))) {
            lobby.put(p.id(), p);
        }
        if (self != null && roster.containsKey(self.id())) {
            self = roster.get(self.id());
        }
        lobbyWait = null;
        setState(ConversationState.ESTABLISHED);
        emit(l -> l.onParticipantsReset(conversation));
        for (JsonObject line : m.objects("chat")) {
            committedLine(line);
        }
    }

    void onParticipant(String type, JsonObject m) {
        Participant p = Wire.participant(m.object("participant"));
        if (p == null) {
            return;
        }
        roster.put(p.id(), p);
        if (self != null && self.id().equals(p.id())) {
            self = p;
        }
        if (type.equals("participant.joined")) {
            emit(l -> l.onParticipantJoined(conversation, p));
        } else {
            emit(l -> l.onParticipantUpdated(conversation, p));
        }
    }

    void onParticipantLeft(JsonObject m) {
        String id = m.string("participantId");
        Participant p = id == null ? null : roster.remove(id);
        if (p == null) {
            return;
        }
        String reason = m.string("reason");
        emit(l -> l.onParticipantLeft(conversation, p, reason));
    }

    void onLobbyEntered(JsonObject m) {
        Participant p = Wire.participant(m.object("participant"));
        if (p != null) {
            lobby.put(p.id(), p);
            emit(l -> l.onLobbyEntered(conversation, p));
        }
    }

    void onLobbyLeft(JsonObject m) {
        String id = m.string("participantId");
        Participant p = id == null ? null : lobby.remove(id);
        if (p != null) {
            String outcome = m.string("outcome");
            emit(l -> l.onLobbyLeft(conversation, p, outcome));
        }
    }

    void committedLine(JsonObject m) {
        ChatMessage line = Wire.chatLine(m, self == null ? null : self.id());
        if (line == null) {
            return;
        }
        ChatLog.Outcome outcome = chat.committed(line);
        ChatMessage stored = chat.last();
        if (outcome == ChatLog.Outcome.NEW) {
            emit(l -> l.onChatMessage(conversation, stored));
        } else if (outcome == ChatLog.Outcome.RESOLVED) {
            emit(l -> l.onChatMessageStateChanged(conversation, stored));
        }
    }

    void onChatAck(JsonObject m) {
        String cmid = m.string("clientMessageId");
        ChatMessage sent = cmid == null ? null : chat.acked(cmid, m.string("messageId"), m.number("seq", 0));
        if (sent != null) {
            emit(l -> l.onChatMessageStateChanged(conversation, sent));
        }
    }

    void onTyping(JsonObject m) {
        Participant p = roster.get(m.string("from"));
        if (p != null) {
            emit(l -> l.onTyping(conversation, p));
        }
    }

    void onMuteRequested(JsonObject m) {
        String by = m.string("by");
        Participant p = roster.containsKey(by) ? roster.get(by) : Participant.builder(by == null ? "?" : by).build();
        MediaEngine e = engine;
        emit(l -> l.onMuteRequested(conversation, p));
        post(() -> e.onMuteRequested(conversation, p));
    }

    void onSignal(JsonObject m) {
        String from = m.string("from");
        String kind = m.string("kind");
        String data = m.rawJson("data");
        if (from == null || kind == null || data == null) {
            return;
        }
        SignalKind k;
        try {
            k = SignalKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return;
        }
        MediaEngine e = engine;
        post(() -> e.onSignal(conversation, from, k, data));
    }

    void onError(JsonObject m) {
        FoyerException error = Errors.fromServer(m.string("code"), m.string("message"));
        String re = m.string("re");
        if (!joinedOnSocket) {
            // The join or resume was refused; the server closes with 4008 next.
            lastJoinError = error;
            if (mayRetryJoin(m.string("code"))) {
                joinRetryDue = true;
                log.log(FoyerLogger.Level.INFO, "the server could not admit the join now (" + error.getMessage()
                        + "); trying again", null);
                return;
            }
            fail(error);
            return;
        }
        ChatMessage failed = re == null ? null : chat.fail(re, error);
        if (failed != null) {
            emit(l -> l.onChatMessageStateChanged(conversation, failed));
        } else {
            emit(l -> l.onRequestFailed(conversation, error));
        }
    }

    void onEnded(JsonObject m) {
        String reason = m.string("reason");
        end(EndReason.of(EndReason.Kind.MEETING_ENDED, reason == null ? "The meeting has ended." : reason));
    }

    void onDenied(JsonObject m) {
        String reason = m.string("reason");
        end(EndReason.of(EndReason.Kind.DENIED, reason == null || reason.isEmpty() ? "Entry was denied." : reason));
    }

    // ---- connection loss, resume ---------------------------------------------------------

    private void closedByServer(int code, String reason) {
        if (predicted != null) {
            predictedLost("closed with code " + code);
            return;
        }
        socket = null;
        if (state == ConversationState.ENDED) {
            return;
        }
        if (leaving) {
            end(EndReason.of(EndReason.Kind.LEFT, "You left the meeting."));
            return;
        }
        String why = reason == null || reason.isEmpty() ? "closed with code " + code : reason;
        switch (code) {
            case CloseCodes.MEETING_ENDED:
                end(EndReason.of(EndReason.Kind.MEETING_ENDED, why));
                return;
            case CloseCodes.REMOVED:
                end(EndReason.of(EndReason.Kind.REMOVED, why));
                return;
            case CloseCodes.DENIED:
                end(EndReason.of(EndReason.Kind.DENIED, why));
                return;
            case CloseCodes.REPLACED:
                end(EndReason.of(EndReason.Kind.REPLACED, "This session continued on another device or app."));
                return;
            case CloseCodes.AUTHENTICATION_FAILED:
                if (joinRetryDue) {
                    retryJoin();
                } else {
                    fail(lastJoinError != null ? lastJoinError : new FoyerException(Kind.TOKEN_INVALID, why));
                }
                return;
            default:
                if (code >= 4000 && code < 4100) {
                    fail(new FoyerException(Kind.SERVER, why));
                } else {
                    lost("the server closed the connection (" + code + ")");
                }
        }
    }

    private void lost(String why) {
        if (predicted != null) {
            predictedLost(why);
            return;
        }
        socket = null;
        generation++;
        if (state == ConversationState.ENDED) {
            return;
        }
        if (leaving) {
            end(EndReason.of(EndReason.Kind.LEFT, "You left the meeting."));
            return;
        }
        if (joinRetryDue) {
            retryJoin(); // refused as unavailable, and the connection ended without its close
            return;
        }
        if (self == null || resumeToken == null) {
            fail(new FoyerException(Kind.NETWORK, "could not join: " + why));
            return;
        }
        if (state != ConversationState.RECONNECTING) {
            log.log(FoyerLogger.Level.INFO, "connection lost (" + why + "); resuming", null);
            interrupted = state;
            reconnectDeadline = System.nanoTime() / 1_000_000 + ctx.reconnectTimeoutMillis;
            setState(ConversationState.RECONNECTING);
        }
        scheduleRetry();
    }

    /**
     * Whether a refused join is tried again: only a first join (not a resume) that the server
     * refused as {@code unavailable} — too busy to admit it, or its database out of reach — which
     * leaves the token unused, and at most {@link #JOIN_RETRIES} times; the join timeout still
     * bounds the whole.
     */
    private boolean mayRetryJoin(String code) {
        return "unavailable".equals(code) && resumeToken == null && token != null
                && state == ConversationState.ESTABLISHING && joinRetries < JOIN_RETRIES;
    }

    /** Joins again on a new connection, after a back-off. */
    private void retryJoin() {
        joinRetryDue = false;
        socket = null;
        generation++; // what the refused connection still reports is past
        long delay = backoff.delayMillis(++joinRetries);
        retry = actor.schedule(() -> {
            retry = null;
            if (state == ConversationState.ESTABLISHING && socket == null) {
                connect();
            }
        }, delay);
    }

    private void scheduleRetry() {
        long now = System.nanoTime() / 1_000_000;
        if (now >= reconnectDeadline) {
            fail(new FoyerException(Kind.NETWORK, "the connection was lost and could not be resumed within "
                    + ctx.reconnectTimeoutMillis / 1000 + " s"));
            return;
        }
        int n = ++attempt;
        long delay = Math.min(backoff.delayMillis(n), Math.max(0, reconnectDeadline - now));
        emit(l -> l.onReconnecting(conversation, n, delay));
        retry = actor.schedule(this::reconnectNow, delay);
    }

    private void reconnectNow() {
        cancel(retry);
        retry = null;
        if (state == ConversationState.RECONNECTING && socket == null) {
            connect();
        }
    }

    void networkChanged() {
        if (state == ConversationState.RECONNECTING) {
            if (socket == null) {
                reconnectNow();
            }
        } else if ((state == ConversationState.ESTABLISHED || state == ConversationState.IN_LOBBY) && socket != null) {
            WebSocket old = socket;
            lost("the network changed");
            old.cancel();
            reconnectNow();
        }
    }

    // ---- app actions ---------------------------------------------------------------------

    void leave() {
        if (state == ConversationState.ENDED || leaving) {
            return;
        }
        leaving = true;
        if (socket != null && joinedOnSocket) {
            socket.send(new Json.Frame("leave").toString());
            timer = actor.schedule(() -> end(EndReason.of(EndReason.Kind.LEFT, "You left the meeting.")),
                    ctx.leaveTimeoutMillis);
            publishCapabilities();
        } else {
            end(EndReason.of(EndReason.Kind.LEFT, "You left the meeting."));
        }
    }

    void send(ChatMessage pending) {
        chat.addPending(pending);
        emit(l -> l.onChatMessage(conversation, pending));
        if (canSend()) {
            if (state == ConversationState.ESTABLISHED) {
                sendChat(pending);
            } // else: reconnecting; sent after the resume
            return;
        }
        String why = state == ConversationState.ENDED ? "The conversation has ended."
                : "You can chat once you are in the meeting.";
        ChatMessage failed = chat.fail(pending.clientMessageId(), new FoyerException(Kind.FORBIDDEN, why, "in_lobby", null));
        emit(l -> l.onChatMessageStateChanged(conversation, failed));
    }

    private void sendChat(ChatMessage m) {
        if (socket != null && joinedOnSocket) {
            // The client message id doubles as the request id: an error for it names the line.
            socket.send(new Json.Frame("chat.send").put("id", m.clientMessageId())
                    .put("clientMessageId", m.clientMessageId()).put("text", m.text()).toString());
        }
    }

    /** Sends a request of this app; refuses it with a callback when not connected. */
    void request(Json.Frame frame, boolean needsPresenter) {
        if (state == ConversationState.ENDED || leaving) {
            return;
        }
        FoyerException refusal = null;
        if (socket == null || !joinedOnSocket) {
            refusal = new FoyerException(Kind.NETWORK, "not connected to the meeting; try again once connected");
        } else if (needsPresenter && (self == null || !self.role().isPresenter())) {
            refusal = new FoyerException(Kind.FORBIDDEN, "only presenters can do this", "forbidden", null);
        }
        if (refusal != null) {
            FoyerException e = refusal;
            emit(l -> l.onRequestFailed(conversation, e));
            return;
        }
        socket.send(frame.put("id", "r" + ++requests).toString());
    }

    void typing() {
        if (state == ConversationState.ESTABLISHED && socket != null && joinedOnSocket) {
            socket.send(new Json.Frame("typing").toString());
        }
    }

    // ---- the end -------------------------------------------------------------------------

    void fail(FoyerException error) {
        end(EndReason.failed(error));
    }

    private void end(EndReason reason) {
        if (state == ConversationState.ENDED) {
            return;
        }
        log.log(FoyerLogger.Level.INFO, "conversation ended: " + reason, null);
        steps.cancel();
        cancel(retry);
        cancel(timer);
        WebSocket ws = socket;
        socket = null;
        generation++;
        predicted = null;
        if (ws != null) {
            ws.close(CloseCodes.NORMAL, null);
        }
        FoyerException undelivered = new FoyerException(Kind.NETWORK, "The conversation ended before the line was delivered.");
        for (ChatMessage failed : chat.failAll(undelivered)) {
            emit(l -> l.onChatMessageStateChanged(conversation, failed));
        }
        endReason = reason;
        roster.clear();
        lobby.clear();
        lobbyWait = null;
        token = null;
        resumeToken = null;
        setState(ConversationState.ENDED);
        publishCapabilities();
        MediaEngine e = engine;
        emit(l -> l.onEnded(conversation, reason));
        post(() -> e.onClosed(conversation));
        ctx.onEnded.accept(conversation);
        actor.shutdown(); // queued work (callbacks on the default executor included) still runs
    }

    // ---- publishing ----------------------------------------------------------------------

    private boolean canSend() {
        return state == ConversationState.ESTABLISHED
                || state == ConversationState.RECONNECTING && interrupted == ConversationState.ESTABLISHED;
    }

    private View view() {
        boolean presenter = canSend() && self != null && self.role().isPresenter() && !leaving;
        return new View(state, endReason, meeting, self, roster.list(),
                presenter ? lobby.list() : Collections.emptyList(), chat.history(), lobbyWait,
                iceServers, canSend() && !leaving, presenter, state != ConversationState.ENDED && !leaving);
    }

    private void setState(ConversationState next) {
        ConversationState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        if (next != ConversationState.IN_LOBBY) {
            lobbyWait = null;
        }
        emit(l -> l.onStateChanged(conversation, previous, next));
    }

    /** Runs after every frame: builds a view (a copy of the roster) only when the capabilities changed. */
    private void publishCapabilities() {
        boolean presenter = canSend() && self != null && self.role().isPresenter() && !leaving;
        String capabilities = View.capabilities(canSend() && !leaving, presenter,
                state != ConversationState.ENDED && !leaving);
        if (!capabilities.equals(publishedCapabilities)) {
            View v = view();
            publishedCapabilities = v.capabilities();
            callbacks.post(() -> {
                conversation.publish(v);
                listener.onCapabilitiesChanged(conversation);
            });
        }
    }

    /** Publishes the current view and calls the listener, in order, on the callback executor. */
    private void emit(Consumer<ConversationListener> call) {
        View v = view();
        callbacks.post(() -> {
            conversation.publish(v);
            call.accept(listener);
        });
    }

    /** Runs {@code task} on the callback executor, in order with the listener calls. */
    private void post(Runnable task) {
        View v = view();
        callbacks.post(() -> {
            conversation.publish(v);
            task.run();
        });
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Hands one socket's events to the conversation thread, dropping those of a replaced socket. */
    private final class SocketListener extends WebSocketListener {
        private final int gen;

        SocketListener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            actor.execute(() -> {
                if (gen == generation) {
                    opened(ws);
                }
            });
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            actor.execute(() -> {
                if (gen == generation) {
                    received(text);
                }
            });
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(CloseCodes.NORMAL, null); // completes the closing handshake
            actor.execute(() -> {
                if (gen == generation) {
                    closedByServer(code, reason);
                }
            });
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            actor.execute(() -> {
                if (gen == generation) {
                    lost(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
                }
            });
        }
    }
}
