package dev.foyer.sdk;

import dev.foyer.sdk.internal.ClientContext;
import dev.foyer.sdk.internal.JoinRequest;
import dev.foyer.sdk.internal.RealConversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The entry point of the SDK: build one per app and keep it (like an {@code OkHttpClient}), then
 * join meetings with it. Thread-safe.
 *
 * <pre>{@code
 * FoyerClient foyer = new FoyerClient.Builder()
 *     .callbackExecutor(ContextCompat.getMainExecutor(context)) // Android: listeners on the main thread
 *     .build();
 * Conversation c = foyer.joinMeetingAnonymously("Ada", meetingUrl, new ConversationListener() {
 *   @Override public void onStateChanged(Conversation c, ConversationState from, ConversationState to) { ... }
 *   @Override public void onChatMessage(Conversation c, ChatMessage m) { ... }
 *   @Override public void onEnded(Conversation c, EndReason reason) { ... }
 * });
 * c.chat().send("Hello!");
 * }</pre>
 *
 * <p>The {@code join...} methods return a {@link Conversation} at once, in state {@link
 * ConversationState#ESTABLISHING}; the HTTP calls, the WebSocket and any reconnection run on
 * OkHttp's threads and on one internal thread per conversation. Failures (an invalid meeting URL,
 * an expired token, a denial) arrive as {@link ConversationListener#onEnded} with {@link
 * EndReason.Kind#FAILED} and a typed {@link FoyerException}.
 *
 * <p>Once the token is in hand (given, or obtained for a meeting URL), a join takes two round trips
 * in sequence. Discovery names the signaling URL; a Foyer server builds it from the discovery URI
 * ({@code .../discover} becomes {@code ws(s)://same-host/.../signaling/v1/meetings/{id}}) and the
 * meeting the token names, so the SDK opens the WebSocket to that predicted URL while discovery
 * runs, and sends {@code join} (the token) on it only once discovery has named exactly that URL.
 * If discovery names another URL, that socket is closed unused and the SDK connects where
 * discovery says, one round trip later; if discovery fails, the socket is closed and the failure
 * reported as usual. A fresh client therefore opens two connections for its first join, and the
 * discovery one returns to the pool for later joins.
 */
public final class FoyerClient {
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final Executor callbackExecutor;
    private final FoyerLogger logger;
    private final ClientContext context;
    private final Set<RealConversation> live = ConcurrentHashMap.newKeySet();

    private FoyerClient(Builder b) {
        this.ownsHttp = b.http == null;
        OkHttpClient base = b.http != null ? b.http : new OkHttpClient.Builder().dispatcher(new Dispatcher(httpThreads())).build();
        // HTTP/1.1 only, as OkHttp's WebSockets are: the same connection pool key lets a signaling
        // upgrade reuse a connection an earlier discovery left in the pool, saving a TCP (and TLS)
        // handshake per join.
        this.http = base.newBuilder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        // Pings detect a dead connection (no pong) on networks that drop packets silently.
        OkHttpClient webSockets = http.newBuilder()
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .pingInterval(b.pingInterval.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.callbackExecutor = b.callbackExecutor;
        this.logger = b.logger;
        this.context = new ClientContext(http, webSockets, callbackExecutor, logger, b.joinTimeout.toMillis(),
                b.reconnectTimeout.toMillis(), b.backoffInitial.toMillis(), b.backoffMax.toMillis(), live::remove);
    }

    /** The threads of an HTTP client this SDK owns: named, daemon, and gone 60 s after the last use or at {@link #close()}. */
    private static ExecutorService httpThreads() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "foyer-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins as an anonymous guest with a meeting URL (the meeting-URL flow): resolves the URL,
     * obtains an anonymous token for the meeting (allowed when its access level is Everyone),
     * discovers the signaling endpoint and joins.
     *
     * @param displayName the name others will see, 1 to 64 characters
     * @param meetingUrl a meeting's join URL, {@code https://host/meet/organizer/meetingId}
     * @param listener receives everything the conversation learns; {@link ConversationListener#NONE} to poll instead
     * @return the conversation, in state {@link ConversationState#ESTABLISHING}
     */
    public Conversation joinMeetingAnonymously(String displayName, String meetingUrl, ConversationListener listener) {
        Objects.requireNonNull(displayName, "displayName == null");
        Objects.requireNonNull(meetingUrl, "meetingUrl == null");
        return start(JoinRequest.meetingUrl(displayName, meetingUrl), listener);
    }

    /**
     * Joins as an anonymous guest with a token your back-end obtained from the Platform API (the
     * token flow): discovers the signaling endpoint with the token and joins, opening the WebSocket
     * while discovery runs (see the class comment). Works for meetings whose access level is
     * Invited too.
     *
     * @param displayName the name others will see, 1 to 64 characters
     * @param joinUrl the meeting's join URL (informational; may be null)
     * @param token the anonymous join token (single use)
     * @param discoverUri the discovery URI that came with the token
     * @param listener receives everything the conversation learns
     * @return the conversation, in state {@link ConversationState#ESTABLISHING}
     */
    public Conversation joinMeetingAnonymously(String displayName, String joinUrl, String token, String discoverUri,
            ConversationListener listener) {
        Objects.requireNonNull(displayName, "displayName == null");
        return joinMeeting(displayName, joinUrl, token, discoverUri, listener);
    }

    /**
     * Joins with a named token: a staff user token ({@code userTokens}) or an organizer's own
     * {@code joinToken}. The name and role come from the token.
     *
     * @param displayName ignored for named tokens (the token's name wins), used for guest tokens; may be null
     * @param joinUrl the meeting's join URL (informational; may be null)
     * @param token the join token (single use)
     * @param discoverUri the discovery URI that came with the token
     * @param listener receives everything the conversation learns
     * @return the conversation, in state {@link ConversationState#ESTABLISHING}
     */
    public Conversation joinMeeting(String displayName, String joinUrl, String token, String discoverUri,
            ConversationListener listener) {
        Objects.requireNonNull(token, "token == null");
        Objects.requireNonNull(discoverUri, "discoverUri == null");
        return start(JoinRequest.token(displayName, joinUrl, token, discoverUri), listener);
    }

    private Conversation start(JoinRequest request, ConversationListener listener) {
        RealConversation c = new RealConversation(context, request, Objects.requireNonNull(listener, "listener == null"));
        live.add(c);
        c.start();
        return c;
    }

    /** The conversations that have not ended yet. */
    public List<Conversation> conversations() {
        return new ArrayList<>(live);
    }

    /**
     * Leaves every conversation and, if this client created its own HTTP client, releases its
     * threads and connections. Does not block; the conversations end shortly after. (OkHttp's
     * process-wide task threads, shared by every OkHttp client, end by themselves when idle.) A
     * closed client cannot join: later joins end with {@link FoyerException.Kind#NETWORK}.
     */
    public void close() {
        for (RealConversation c : live) {
            c.leave();
        }
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** A builder with this client's settings. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Builds {@link FoyerClient}s. Every setting has a default. */
    public static final class Builder {
        private OkHttpClient http;
        private Executor callbackExecutor;
        private FoyerLogger logger = FoyerLogger.NONE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration joinTimeout = Duration.ofSeconds(30);
        private Duration reconnectTimeout = Duration.ofSeconds(60);
        private Duration backoffInitial = Duration.ofMillis(250);
        private Duration backoffMax = Duration.ofSeconds(8);
        private Duration pingInterval = Duration.ofSeconds(15);

        /** A builder with the defaults. */
        public Builder() {
        }

        private Builder(FoyerClient c) {
            this.http = c.ownsHttp ? null : c.http;
            this.callbackExecutor = c.callbackExecutor;
            this.logger = c.logger;
        }

        /**
         * The OkHttp client to share (its connection pool and dispatcher); the SDK derives its own
         * settings from it. Default: a new one, released by {@link FoyerClient#close()}.
         */
        public Builder okHttpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http == null");
            return this;
        }

        /**
         * Where listeners run. On Android pass the main thread's executor
         * ({@code ContextCompat.getMainExecutor(context)}). Default: each conversation's own
         * internal thread (fine for command-line tools and servers; keep listeners quick there).
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /** Where diagnostics go. Default: {@link FoyerLogger#NONE}. */
        public Builder logger(FoyerLogger logger) {
            this.logger = Objects.requireNonNull(logger, "logger == null");
            return this;
        }

        /** Timeout to open a TCP/TLS connection. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "timeout");
            return this;
        }

        /** Timeout of one HTTP read. Default 20 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "timeout");
            return this;
        }

        /** How long a join may take, from the call to the lobby or the meeting. Default 30 s. */
        public Builder joinTimeout(Duration timeout) {
            this.joinTimeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * How long to keep trying to resume after the connection is lost before ending with
         * {@link FoyerException.Kind#NETWORK}. Default 60 s (the server holds a dropped
         * participant for 30 s; the server answers a later attempt with a definitive refusal).
         */
        public Builder reconnectTimeout(Duration timeout) {
            this.reconnectTimeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The reconnect backoff: attempt n waits a random time between half and all of
         * min(max, initial × 2^(n-1)). Default 250 ms and 8 s.
         */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = positive(initial, "initial");
            this.backoffMax = positive(max, "max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max < initial");
            }
            return this;
        }

        /** How often the WebSocket is pinged; a missing pong counts as a lost connection. Default 15 s. */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "interval");
            return this;
        }

        /** The client. */
        public FoyerClient build() {
            return new FoyerClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " <= 0");
            }
            return d;
        }
    }
}
