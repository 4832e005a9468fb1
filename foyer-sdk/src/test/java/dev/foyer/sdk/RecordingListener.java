package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records every callback, with the thread it ran on, into a queue; {@code await...} helpers take
 * events in order with a deadline (okhttp's WebSocketRecorder).
 */
final class RecordingListener extends ConversationListener {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One callback: its name, its main argument, and the thread it ran on. */
    static final class Event {
        final String type;
        final Object value;
        final Object extra;
        final String thread;

        Event(String type, Object value, Object extra) {
            this.type = type;
            this.value = value;
            this.extra = extra;
            this.thread = Thread.currentThread().getName();
        }

        @Override
        public String toString() {
            return type + "(" + value + (extra == null ? "" : ", " + extra) + ")@" + thread;
        }
    }

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> all = new ArrayList<>();
    private final String name;

    RecordingListener(String name) {
        this.name = name;
    }

    private void record(String type, Object value, Object extra) {
        Event e = new Event(type, value, extra);
        synchronized (all) {
            all.add(e);
        }
        queue.add(e);
    }

    @Override
    public void onStateChanged(Conversation c, ConversationState previous, ConversationState state) {
        record("state", state, previous);
    }

    @Override
    public void onCapabilitiesChanged(Conversation c) {
        record("capabilities", c.chat().canSend(), null);
    }

    @Override
    public void onLobbyWaiting(Conversation c, LobbyWait wait) {
        record("lobbyWaiting", wait, null);
    }

    @Override
    public void onParticipantsReset(Conversation c) {
        record("participantsReset", c.participants().size(), null);
    }

    @Override
    public void onParticipantJoined(Conversation c, Participant p) {
        record("participantJoined", p, null);
    }

    @Override
    public void onParticipantUpdated(Conversation c, Participant p) {
        record("participantUpdated", p, null);
    }

    @Override
    public void onParticipantLeft(Conversation c, Participant p, String reason) {
        record("participantLeft", p, reason);
    }

    @Override
    public void onLobbyEntered(Conversation c, Participant p) {
        record("lobbyEntered", p, null);
    }

    @Override
    public void onLobbyLeft(Conversation c, Participant p, String outcome) {
        record("lobbyLeft", p, outcome);
    }

    @Override
    public void onChatMessage(Conversation c, ChatMessage m) {
        record("chat", m, null);
    }

    @Override
    public void onChatMessageStateChanged(Conversation c, ChatMessage m) {
        record("chatState", m, null);
    }

    @Override
    public void onReconnecting(Conversation c, int attempt, long delayMillis) {
        record("reconnecting", attempt, delayMillis);
    }

    @Override
    public void onRequestFailed(Conversation c, FoyerException error) {
        record("requestFailed", error, null);
    }

    @Override
    public void onEnded(Conversation c, EndReason reason) {
        record("ended", reason, null);
    }

    /** Takes events until one of {@code type} matching {@code match}; fails after the deadline. */
    @SuppressWarnings("unchecked")
    <T> T await(String type, Predicate<T> match) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Event> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e;
            try {
                e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                throw new AssertionError(ie);
            }
            if (e == null) {
                throw new AssertionError(name + ": no " + type + " within " + TIMEOUT + "; saw " + skipped);
            }
            if (e.type.equals(type) && match.test((T) e.value)) {
                return (T) e.value;
            }
            skipped.add(e);
        }
    }

    <T> T await(String type) {
        return await(type, v -> true);
    }

    void awaitState(ConversationState state) {
        await("state", s -> s == state);
    }

    EndReason awaitEnded() {
        return await("ended");
    }

    ChatMessage awaitChat(String text) {
        return await("chat", (ChatMessage m) -> m.text().equals(text));
    }

    /** Every event so far. */
    List<Event> events() {
        synchronized (all) {
            return new ArrayList<>(all);
        }
    }

    /** The events of {@code type} so far. */
    List<Object> values(String type) {
        List<Object> out = new ArrayList<>();
        for (Event e : events()) {
            if (e.type.equals(type)) {
                out.add(e.value);
            }
        }
        return out;
    }

    void assertAllOnThread(String threadPrefix) {
        for (Event e : events()) {
            assertThat(e.thread).as("thread of %s", e).startsWith(threadPrefix);
        }
    }
}
