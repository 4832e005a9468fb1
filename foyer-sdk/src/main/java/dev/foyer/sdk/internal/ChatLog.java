package dev.foyer.sdk.internal;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.FoyerException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chat history of one conversation: committed lines by {@code seq}, and this app's outbox of
 * pending and failed lines by {@code clientMessageId}. Makes delivery exactly-once from the
 * app's point of view: a line the server repeats (replay after resume, the {@code chat} event and
 * its {@code chat.ack}) is recognised and reported once. Only touched by the conversation's thread.
 */
final class ChatLog {
    /** What {@link #committed} did with a line. */
    enum Outcome { NEW, RESOLVED, DUPLICATE }

    static final int MAX_LINES = 1000;

    private final TreeMap<Long, ChatMessage> committed = new TreeMap<>();
    private final Map<String, ChatMessage> outbox = new LinkedHashMap<>();
    /** {@link #history()} as last built, or null after a change: every callback publishes it. */
    private List<ChatMessage> history;

    void addPending(ChatMessage pending) {
        outbox.put(pending.clientMessageId(), pending);
        history = null;
    }

    /** The pending lines, oldest first: what to (re)send. */
    List<ChatMessage> pending() {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : outbox.values()) {
            if (m.state() == ChatMessage.State.PENDING) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Records a committed line from the server. {@link Outcome#RESOLVED} means it confirms one of
     * this app's pending lines ({@link #last()} is the sent version).
     */
    Outcome committed(ChatMessage line) {
        if (committed.containsKey(line.seq())) {
            return Outcome.DUPLICATE;
        }
        ChatMessage pending = line.isOutgoing() && line.clientMessageId() != null ? outbox.get(line.clientMessageId()) : null;
        if (pending != null) {
            outbox.remove(line.clientMessageId());
            history = null;
            last = pending.newBuilder().messageId(line.messageId()).seq(line.seq()).sentAt(line.sentAt())
                    .state(ChatMessage.State.SENT).error(null).build();
            put(last);
            return Outcome.RESOLVED;
        }
        last = line;
        put(line);
        return Outcome.NEW;
    }

    private ChatMessage last;

    /** The line the latest {@link #committed} or {@link #acked} call stored. */
    ChatMessage last() {
        return last;
    }

    /** The server committed this app's line {@code clientMessageId}: the sent version, or null if already known. */
    ChatMessage acked(String clientMessageId, String messageId, long seq) {
        ChatMessage pending = outbox.get(clientMessageId);
        if (pending == null || committed.containsKey(seq)) {
            return null;
        }
        outbox.remove(clientMessageId);
        history = null;
        last = pending.newBuilder().messageId(messageId).seq(seq).state(ChatMessage.State.SENT).error(null).build();
        put(last);
        return last;
    }

    /** Fails pending line {@code clientMessageId}: the failed version, or null if it was not pending. */
    ChatMessage fail(String clientMessageId, FoyerException error) {
        ChatMessage pending = outbox.get(clientMessageId);
        if (pending == null || pending.state() != ChatMessage.State.PENDING) {
            return null;
        }
        ChatMessage failed = pending.newBuilder().state(ChatMessage.State.FAILED).error(error).build();
        outbox.put(clientMessageId, failed);
        history = null;
        return failed;
    }

    /** Fails every pending line; returns the failed versions. */
    List<ChatMessage> failAll(FoyerException error) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : pending()) {
            out.add(fail(m.clientMessageId(), error));
        }
        return out;
    }

    /** Committed lines by {@code seq}, then the outbox; unmodifiable, rebuilt only after a change. */
    List<ChatMessage> history() {
        if (history == null) {
            List<ChatMessage> out = new ArrayList<>(committed.size() + outbox.size());
            out.addAll(committed.values());
            out.addAll(outbox.values());
            history = Collections.unmodifiableList(out);
        }
        return history;
    }

    private void put(ChatMessage line) {
        committed.put(line.seq(), line);
        history = null;
        Iterator<Long> oldest = committed.keySet().iterator();
        while (committed.size() > MAX_LINES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
