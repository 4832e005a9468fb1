package dev.foyer.sdk.internal;

import dev.foyer.sdk.FoyerException;
import dev.foyer.sdk.FoyerException.Kind;
import dev.foyer.sdk.IceServer;
import dev.foyer.sdk.MeetingInfo;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP half of joining (docs/http-api.md): resolve a meeting URL to an anonymous join ticket,
 * and discover the signaling endpoint with a token. Calls run on OkHttp's threads; results are
 * handed to the conversation's thread. At most one call is in flight; {@link #cancel()} stops it.
 */
final class JoinSteps {
    /** The result of each step, run on the conversation's thread: exactly one of value and error is set. */
    interface Result<T> {
        void done(T value, FoyerException error);
    }

    /** What discovery says: where to connect and with what help. */
    static final class Discovery {
        final MeetingInfo meeting;
        final String signalingUrl;
        final List<IceServer> iceServers;

        Discovery(MeetingInfo meeting, String signalingUrl, List<IceServer> iceServers) {
            this.meeting = meeting;
            this.signalingUrl = signalingUrl;
            this.iceServers = iceServers;
        }
    }

    /** An anonymous join ticket: a token and where to discover with it. */
    static final class Ticket {
        final String token;
        final String discoverUri;

        Ticket(String token, String discoverUri) {
            this.token = token;
            this.discoverUri = discoverUri;
        }
    }

    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final OkHttpClient http;
    private final Executor actor;
    private volatile Call current;

    JoinSteps(OkHttpClient http, Executor actor) {
        this.http = http;
        this.actor = actor;
    }

    /** The meeting-URL flow's first half: describe the meeting, then get an anonymous token for it. */
    void anonymousTicket(String meetingUrl, Result<Ticket> result) {
        HttpUrl url = meetingUrl == null ? null : HttpUrl.parse(meetingUrl);
        if (url == null || !isMeetingPath(url.pathSegments())) {
            result.done(null, new FoyerException(Kind.INVALID_MEETING_URL,
                    "not a Foyer meeting URL (expected https://host/meet/organizer/meetingId)"));
            return;
        }
        Request describe = new Request.Builder().url(url).header("Accept", "application/json").build();
        call(describe, "meeting URL", (meeting, error) -> {
            if (error != null) {
                result.done(null, error);
                return;
            }
            String state = meeting.string("state");
            if ("ended".equals(state) || "expired".equals(state)) {
                result.done(null, new FoyerException(Kind.MEETING_ENDED, "The meeting has ended.", "meeting_ended", null));
                return;
            }
            String tokenUri = meeting.string("anonymousTokenUri");
            HttpUrl tokenUrl = tokenUri == null ? null : url.resolve(tokenUri);
            if (!meeting.bool("anonymousJoin", false) || tokenUrl == null) {
                result.done(null, new FoyerException(Kind.FORBIDDEN,
                        "This meeting does not admit anonymous guests; ask the organizer for an invitation.",
                        "anonymous_join_not_allowed", null));
                return;
            }
            call(new Request.Builder().url(tokenUrl).post(EMPTY).build(), "anonymous token", (ticket, e2) -> {
                if (e2 != null) {
                    result.done(null, e2);
                } else if (ticket.string("token") == null || ticket.string("discoverUri") == null) {
                    result.done(null, new FoyerException(Kind.SERVER, "the server's join ticket lacks a token"));
                } else {
                    result.done(new Ticket(ticket.string("token"), ticket.string("discoverUri")), null);
                }
            });
        });
    }

    /** {@code GET discoverUri} with the token: where the meeting's signaling lives. */
    void discover(String discoverUri, String token, String joinUrl, Result<Discovery> result) {
        HttpUrl url = discoverUri == null ? null : HttpUrl.parse(discoverUri);
        if (url == null) {
            result.done(null, new FoyerException(Kind.INVALID_MEETING_URL, "the discovery URI is not an http(s) URL"));
            return;
        }
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build();
        call(request, "discovery", (d, error) -> {
            if (error != null) {
                result.done(null, error);
                return;
            }
            JsonObject m = d.object("meeting");
            String signalingUrl = d.string("signalingUrl");
            if (m == null || m.string("onlineMeetingId") == null || signalingUrl == null) {
                result.done(null, new FoyerException(Kind.SERVER, "the discovery answer lacks the meeting or its signaling URL"));
                return;
            }
            String meetingJoinUrl = m.string("joinUrl") != null ? m.string("joinUrl") : joinUrl;
            result.done(new Discovery(new MeetingInfo(m.string("onlineMeetingId"), m.string("subject"), meetingJoinUrl),
                    signalingUrl, Wire.iceServers(d.objects("iceServers"))), null);
        });
    }

    void cancel() {
        Call c = current;
        if (c != null) {
            c.cancel();
        }
    }

    private static boolean isMeetingPath(List<String> segments) {
        int n = segments.size();
        return n >= 3 && "meet".equals(segments.get(n - 3)) && !segments.get(n - 2).isEmpty() && !segments.get(n - 1).isEmpty();
    }

    private void call(Request request, String what, Result<JsonObject> result) {
        Call call = http.newCall(request);
        current = call;
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                FoyerException error = Errors.network("cannot reach the meeting server (" + what + ")", e);
                actor.execute(() -> result.done(null, error));
            }

            @Override
            public void onResponse(Call c, Response response) {
                JsonObject body = null;
                FoyerException error = null;
                try (ResponseBody b = response.body()) {
                    String text = b.string();
                    try {
                        body = Json.parseObject(text);
                    } catch (IOException notJson) {
                        body = null;
                    }
                    if (!response.isSuccessful()) {
                        error = httpError(response.code(), body);
                        body = null;
                    } else if (body == null) {
                        error = new FoyerException(Kind.SERVER, "the " + what + " answer is not JSON: is this a Foyer server?");
                    }
                } catch (IOException e) {
                    error = Errors.network("the connection broke during " + what, e);
                }
                JsonObject value = body;
                FoyerException failure = error;
                actor.execute(() -> result.done(value, failure));
            }
        });
    }

    private static FoyerException httpError(int status, JsonObject body) {
        JsonObject e = body == null ? null : body.object("error");
        if (e != null && e.string("code") != null) {
            return Errors.fromServer(e.string("code"), e.string("message"));
        }
        Kind kind = status == 404 ? Kind.MEETING_NOT_FOUND : status == 410 ? Kind.MEETING_ENDED
                : status == 401 ? Kind.TOKEN_INVALID : status == 403 ? Kind.FORBIDDEN
                : status == 429 ? Kind.RATE_LIMITED : Kind.SERVER;
        return new FoyerException(kind, "the server answered HTTP " + status);
    }
}
