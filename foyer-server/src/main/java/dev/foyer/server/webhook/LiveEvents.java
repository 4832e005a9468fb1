package dev.foyer.server.webhook;

import dev.foyer.server.live.Effect;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.live.ParticipationRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one batch of a live meeting's effects into webhook event drafts, in the order they
 * happened. A denied guest gets {@code participant.denied}, not also {@code participant.left};
 * departures caused by the meeting ending are implied by {@code meeting.ended}.
 */
public final class LiveEvents {
    private LiveEvents() {}

    /**
     * @param started whether this live session already reported {@code meeting.started}; if not,
     *     the batch's first entry does
     * @param participants the live meeting's current participants, for names after admission
     */
    public static List<WebhookOutbox.Draft> from(List<Effect> effects, boolean started,
            Function<String, Optional<ParticipantView>> participants) {
        Set<String> denied = new HashSet<>();
        for (Effect e : effects) {
            if (e instanceof Effect.WasDenied d) {
                denied.add(d.participantId());
            }
        }
        List<WebhookOutbox.Draft> out = new ArrayList<>();
        for (Effect effect : effects) {
            if (effect instanceof Effect.Entered e) {
                if (!started) {
                    out.add(new WebhookOutbox.Draft(EventType.MEETING_STARTED, e.seq(), Map.of()));
                    started = true;
                }
                out.add(entered(e.record(), e.seq()));
            } else if (effect instanceof Effect.WasAdmitted a) {
                Map<String, Object> admitted = participant(a.participantId());
                admitted.put("admittedBy", a.by());
                out.add(new WebhookOutbox.Draft(EventType.PARTICIPANT_ADMITTED, a.seq(), admitted));
                Map<String, Object> joined = participant(a.participantId());
                participants.apply(a.participantId()).ifPresent(v -> {
                    joined.put("displayName", v.displayName());
                    joined.put("role", v.role().wireName());
                });
                joined.put("joinedAt", a.at().toString());
                out.add(new WebhookOutbox.Draft(EventType.PARTICIPANT_JOINED, a.seq(), joined));
            } else if (effect instanceof Effect.WasDenied d) {
                Map<String, Object> data = participant(d.participantId());
                data.put("reason", d.reason());
                out.add(new WebhookOutbox.Draft(EventType.PARTICIPANT_DENIED, d.seq(), data));
            } else if (effect instanceof Effect.Left l && !denied.contains(l.participantId())
                    && !"ended".equals(l.reason())) {
                Map<String, Object> data = participant(l.participantId());
                data.put("reason", l.reason());
                out.add(new WebhookOutbox.Draft(EventType.PARTICIPANT_LEFT, l.seq(), data));
            }
        }
        return out;
    }

    /** Whether the batch has someone entering (after which the session has started). */
    public static boolean hasEntry(List<Effect> effects) {
        for (Effect e : effects) {
            if (e instanceof Effect.Entered) {
                return true;
            }
        }
        return false;
    }

    /** The application's own session id for a guest it minted a token for, from the token subject. */
    public static String applicationSessionId(String subject) {
        return subject.startsWith("guest:") ? subject.substring("guest:".length()) : null;
    }

    private static WebhookOutbox.Draft entered(ParticipationRecord r, long seq) {
        Map<String, Object> data = participant(r.participantId());
        data.put("displayName", r.displayName());
        data.put("role", r.role());
        String sessionId = applicationSessionId(r.subject());
        if (sessionId != null) {
            data.put("applicationSessionId", sessionId);
        }
        if (r.admittedAt() == null) {
            data.put("waitingSince", r.joinedAt().toString());
            return new WebhookOutbox.Draft(EventType.LOBBY_WAITING, seq, data);
        }
        data.put("joinedAt", r.joinedAt().toString());
        return new WebhookOutbox.Draft(EventType.PARTICIPANT_JOINED, seq, data);
    }

    private static Map<String, Object> participant(String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", id);
        return data;
    }
}
