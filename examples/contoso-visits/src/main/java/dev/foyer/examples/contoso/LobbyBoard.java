package dev.foyer.examples.contoso;

import dev.foyer.platform.WebhookEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The advisors' waiting room: who waits in the lobby of which visit, built from Foyer's webhooks.
 *
 * <p>Webhooks arrive at least once and in any order, so every change is idempotent, and a guest
 * who has already been admitted, denied or has left is remembered: a late {@code lobby.waiting}
 * for them is ignored instead of bringing them back. Listeners get the whole list after each
 * change (it is short), so a missed or repeated update never leaves a console wrong.
 */
final class LobbyBoard {
    /**
     * One waiting guest.
     *
     * @param visitor the verified account's display name, or {@code null} if the guest came with
     *     no visit this app knows of
     */
    record Waiting(String onlineMeetingId, String participantId, String displayName, String visitor,
            String waitingSince) {}

    private static final int REMEMBERED_GONE = 10_000;

    private final Function<String, String> visitorOfSession;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>(); // by participantId; guarded by this
    private final Map<String, Boolean> gone = new LinkedHashMap<>(16, 0.75f, false) { // guarded by this
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_GONE;
        }
    };
    private final List<Consumer<List<Waiting>>> listeners = new CopyOnWriteArrayList<>();

    /** @param visitorOfSession the verified visitor's name for an {@code applicationSessionId}, or null */
    LobbyBoard(Function<String, String> visitorOfSession) {
        this.visitorOfSession = visitorOfSession;
    }

    /** Applies one verified event; events of other types are ignored. */
    void apply(WebhookEvent event) {
        List<Waiting> now;
        synchronized (this) {
            if (!change(event)) {
                return;
            }
            now = List.copyOf(waiting.values());
        }
        listeners.forEach(l -> l.accept(now));
    }

    private boolean change(WebhookEvent e) {
        String participantId = e.data().path("participantId").asText(null);
        switch (e.type()) {
            case WebhookEvent.LOBBY_WAITING -> {
                if (participantId == null || gone.containsKey(participantId) || e.onlineMeetingId() == null) {
                    return false;
                }
                Waiting w = new Waiting(e.onlineMeetingId(), participantId, e.data().path("displayName").asText(""),
                        visitorOfSession.apply(e.data().path("applicationSessionId").asText(null)),
                        e.data().path("waitingSince").asText(e.createdAt().toString()));
                return !w.equals(waiting.put(participantId, w));
            }
            case WebhookEvent.PARTICIPANT_ADMITTED, WebhookEvent.PARTICIPANT_DENIED, WebhookEvent.PARTICIPANT_LEFT -> {
                if (participantId == null) {
                    return false;
                }
                gone.put(participantId, Boolean.TRUE);
                return waiting.remove(participantId) != null;
            }
            case WebhookEvent.MEETING_ENDED -> {
                return waiting.values().removeIf(w -> w.onlineMeetingId().equals(e.onlineMeetingId()));
            }
            default -> {
                return false;
            }
        }
    }

    /** Who waits now, longest first. */
    synchronized List<Waiting> waiting() {
        return List.copyOf(waiting.values());
    }

    /** Whether {@code participantId} waits in {@code onlineMeetingId} as far as the board knows. */
    synchronized boolean isWaiting(String onlineMeetingId, String participantId) {
        Waiting w = waiting.get(participantId);
        return w != null && w.onlineMeetingId().equals(onlineMeetingId);
    }

    /** Calls {@code listener} with the list after every change, on the thread that made it. */
    Runnable subscribe(Consumer<List<Waiting>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
