package dev.foyer.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client of Foyer's Platform API for one trusted application: it creates ad hoc meetings, ends
 * them, and mints the join tokens the business's client app hands to the Foyer SDK.
 *
 * <pre>{@code
 * FoyerPlatformClient foyer = FoyerPlatformClient.builder()
 *     .baseUrl("https://meet.example.com")
 *     .clientId(System.getenv("FOYER_CLIENT_ID"))
 *     .clientSecret(System.getenv("FOYER_CLIENT_SECRET"))
 *     .build();
 * Meeting meeting = foyer.createAdhocMeeting(AdhocMeetingRequest.builder("Mortgage advice").build());
 * JoinTicket ticket = foyer.createAnonymousToken(AnonymousTokenRequest.builder()
 *     .applicationSessionId("visitor-42").meetingUrl(meeting.joinUrl()).build());
 * }</pre>
 *
 * <h2>Authentication</h2>
 * The client exchanges its credentials for an access token at {@code POST /oauth2/token} on first
 * use, caches it until 60 seconds before it expires, and then fetches a new one. If the API still
 * refuses the token ({@code 401 invalid_token} or {@code token_expired}, say after a key rotation),
 * the client fetches a new one and repeats the call once. Concurrent callers share one fetch.
 * Rejected credentials throw {@link FoyerAuthenticationException}.
 *
 * <h2>Failures</h2>
 * Every call has a deadline ({@link Builder#callTimeout}). Any call is retried up to {@link
 * Builder#maxRetries} times, with a short doubling backoff, when no connection could be made: the
 * server never saw it. Idempotent calls ({@link #getMeeting}, {@link #listMeetings}, {@link
 * #endMeeting}) are also retried after a connection failed once made, or a 502, 503 or 504; calls
 * that create something and reached the server are never retried. An error answer throws {@link
 * FoyerApiException}; no usable answer throws {@link FoyerTransportException}.
 *
 * <h2>Threads</h2>
 * Instances are immutable apart from the token cache, and safe for concurrent use. Create one per
 * application and share it; calls block the calling thread.
 */
public final class FoyerPlatformClient {
    static final String USER_AGENT = "foyer-platform-client";

    private final URI baseUrl;
    private final String applicationId;
    private final Transport transport;
    private final AccessTokens tokens;

    private FoyerPlatformClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.applicationId = b.applicationId;
        HttpClient http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        this.transport = new Transport(http, b.callTimeout, b.maxRetries, b.retryBackoff);
        this.tokens = new AccessTokens(transport, resolve("/oauth2/token"), b.clientId, b.clientSecret, b.clock);
    }

    /** A builder; {@code baseUrl}, {@code clientId} and {@code clientSecret} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's base URL, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The application's id: the one configured, or else the one the token endpoint names (this
     * fetches a token if none is cached).
     */
    public String applicationId() {
        return applicationId(tokens.get());
    }

    /**
     * Creates a meeting organized by the application ({@code POST …/adhocMeetings}).
     *
     * @throws FoyerApiException 400 {@code invalid_field} or {@code invalid_request} for a value the
     *     server refuses
     */
    public Meeting createAdhocMeeting(AdhocMeetingRequest request) {
        Objects.requireNonNull(request, "request == null");
        return read(call("POST", "/adhocMeetings", request), Meeting.class);
    }

    /**
     * One of the application's meetings, with its live participant and lobby counts.
     *
     * @throws FoyerApiException 404 {@code meeting_not_found} if the application has no such meeting
     */
    public Meeting getMeeting(String onlineMeetingId) {
        return read(call("GET", "/adhocMeetings/" + segment(onlineMeetingId, "onlineMeetingId"), null), Meeting.class);
    }

    /**
     * A page of the application's meetings, newest first, ended ones included.
     *
     * @param offset how many meetings to skip, from 0
     * @param limit the page size, from 1 to 100
     */
    public MeetingPage listMeetings(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return read(call("GET", "/adhocMeetings?offset=" + offset + "&limit=" + limit, null), MeetingPage.class);
    }

    /**
     * Ends a meeting now: live participants are disconnected and every token for it stops working.
     * The meeting stays readable with state {@link MeetingState#ENDED}. Ending an ended meeting
     * succeeds.
     *
     * @throws FoyerApiException 404 {@code meeting_not_found} if the application has no such meeting
     */
    public void endMeeting(String onlineMeetingId) {
        call("DELETE", "/adhocMeetings/" + segment(onlineMeetingId, "onlineMeetingId"), null);
    }

    /**
     * Mints a guest token for a visitor the application has verified, for one of its meetings
     * whose access level is {@code Everyone} or {@code Invited}.
     *
     * @throws FoyerApiException 403 {@code forbidden} for a {@code Locked} meeting; 404 {@code
     *     meeting_not_found} if the URL names no meeting of the application; 410 {@code
     *     meeting_ended}
     */
    public JoinTicket createAnonymousToken(AnonymousTokenRequest request) {
        Objects.requireNonNull(request, "request == null");
        return read(call("POST", "/anonApplicationTokens", request), JoinTicket.class);
    }

    /**
     * Mints a named token for the business's staff member (the advisor, the doctor) to join a
     * meeting, by default as a presenter.
     *
     * @param userId the application's own id for the staff member, 1 to 128 characters
     * @param displayName the name others see, 1 to 64 characters
     * @param role the role in the meeting; {@code null} for {@link Role#PRESENTER}
     * @throws FoyerApiException 404 {@code meeting_not_found}; 410 {@code meeting_ended}
     */
    public JoinTicket createUserToken(String onlineMeetingId, String userId, String displayName, Role role) {
        String path = "/adhocMeetings/" + segment(onlineMeetingId, "onlineMeetingId") + "/userTokens";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", Objects.requireNonNull(userId, "userId == null"));
        body.put("displayName", Objects.requireNonNull(displayName, "displayName == null"));
        if (role != null) {
            body.put("role", role);
        }
        return read(call("POST", path, body), JoinTicket.class);
    }

    /**
     * Admits a guest waiting in a live meeting's lobby, as a presenter would ({@code POST
     * …/adhocMeetings/{id}/lobby/{participantId}/admit}): the back-end runs the lobby with none of
     * its staff in the meeting. Returns once the decision is committed. Not retried: a second admit
     * of the same guest answers 409.
     *
     * @param participantId the waiting guest, from the {@code lobby.waiting} webhook's {@code data}
     * @throws FoyerApiException 404 {@code meeting_not_found} or {@code unknown_participant}; 409
     *     {@code conflict} if nobody is in the meeting or the guest is not waiting
     */
    public void admitFromLobby(String onlineMeetingId, String participantId) {
        call("POST", lobbyPath(onlineMeetingId, participantId) + "/admit", null);
    }

    /**
     * Turns away a guest waiting in a live meeting's lobby ({@code POST …/lobby/{participantId}/deny}).
     *
     * @param reason what the guest is told, 1 to 200 characters; {@code null} for the server's default
     * @throws FoyerApiException as {@link #admitFromLobby}
     */
    public void denyFromLobby(String onlineMeetingId, String participantId, String reason) {
        call("POST", lobbyPath(onlineMeetingId, participantId) + "/deny",
                reason == null ? Map.of() : Map.of("reason", reason));
    }

    private static String lobbyPath(String onlineMeetingId, String participantId) {
        return "/adhocMeetings/" + segment(onlineMeetingId, "onlineMeetingId") + "/lobby/"
                + segment(participantId, "participantId");
    }

    /** Sends a Platform API call under the application's path, replacing a refused token once. */
    private Transport.Response call(String method, String pathInApp, Object body) {
        AccessTokens.AccessToken token = tokens.get();
        Transport.Response r = transport.send(request(method, pathInApp, body, token));
        if (r.status() == 401 && isStaleToken(Errors.codeOf(r))) {
            token = tokens.replace(token);
            r = transport.send(request(method, pathInApp, body, token));
        }
        if (!r.isSuccessful()) {
            throw Errors.from(r);
        }
        return r;
    }

    private static boolean isStaleToken(String code) {
        return "invalid_token".equals(code) || "token_expired".equals(code);
    }

    private HttpRequest request(String method, String pathInApp, Object body, AccessTokens.AccessToken token) {
        URI uri = resolve("/platformservice/v1/applications/" + segment(applicationId(token), "applicationId") + pathInApp);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(transport.callTimeout())
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(body);
            return b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body: " + e.getOriginalMessage(), e);
        }
    }

    private String applicationId(AccessTokens.AccessToken token) {
        if (applicationId != null) {
            return applicationId;
        }
        if (token.applicationId() == null) {
            throw new IllegalStateException("no applicationId configured, and the token endpoint named none");
        }
        return token.applicationId();
    }

    private static <T> T read(Transport.Response r, Class<T> type) {
        try {
            return Json.MAPPER.readValue(r.body(), type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new FoyerTransportException("unreadable response to " + r.method() + " " + r.path(), e);
        }
    }

    private URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    private static String segment(String value, String name) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Configures a {@link FoyerPlatformClient}. {@code baseUrl}, {@code clientId} and {@code clientSecret} are required. */
    public static final class Builder {
        private URI baseUrl;
        private String clientId;
        private String clientSecret;
        private String applicationId;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean connectTimeoutSet;
        private Duration callTimeout = Duration.ofSeconds(30);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(100);

        private Builder() {}

        /** The server's public URL, for example {@code https://meet.example.com}; a path prefix is kept. */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl == null")));
        }

        /** The server's public URL; see {@link #baseUrl(String)}. */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl == null");
            String scheme = baseUrl.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl has a query or fragment: " + baseUrl);
            }
            String s = baseUrl.toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            return this;
        }

        /** The application's client id ({@code fci_…}). */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId == null");
            return this;
        }

        /** The application's client secret ({@code fcs_…}); it is sent only to {@code /oauth2/token}. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
            return this;
        }

        /**
         * The application's id ({@code app_…}). Optional: by default the client uses the id the
         * token endpoint returns with the access token.
         */
        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        /** How long to wait for a connection (default 10 s). Set it on your own client when you pass {@link #httpClient}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            this.connectTimeoutSet = true;
            return this;
        }

        /** The deadline of each attempt of a call, from sending to the whole response read (default 30 s). */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive(callTimeout, "callTimeout");
            return this;
        }

        /** The HTTP client to use, to share its connection pool, executor, proxy or TLS settings. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
            return this;
        }

        /** The clock that times the access token's expiry (default: the system clock). For tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** How many times a call is retried where that is safe ({@link FoyerPlatformClient}, "Failures"), 0 to 5 (default 2). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 5) {
                throw new IllegalArgumentException("maxRetries must be from 0 to 5: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The wait before the first retry, doubled for each next one, plus up to half of it as jitter (default 100 ms). */
        public Builder retryBackoff(Duration retryBackoff) {
            Objects.requireNonNull(retryBackoff, "retryBackoff == null");
            if (retryBackoff.isNegative()) {
                throw new IllegalArgumentException("retryBackoff < 0: " + retryBackoff);
            }
            this.retryBackoff = retryBackoff;
            return this;
        }

        /** @throws IllegalStateException if a required setting is missing, or settings conflict */
        public FoyerPlatformClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl == null");
            }
            if (clientId == null) {
                throw new IllegalStateException("clientId == null");
            }
            if (clientSecret == null) {
                throw new IllegalStateException("clientSecret == null");
            }
            if (httpClient != null && connectTimeoutSet) {
                throw new IllegalStateException("connectTimeout is set on the HttpClient passed to httpClient()");
            }
            return new FoyerPlatformClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
