package dev.foyer.sdk.internal;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.FoyerException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * The chat history of one conversation: committed lines by {@code seq}, and this app's outbox of
 * pending and failed lines by {@code clientMessageId}. Makes delivery exactly-once from the
 * app's point of view: a line the server repeats (replay after resume, the {@code chat} event and
 * its {@code chat.ack}) is recognised and reported once. Only touched by the conversation's thread.
 *
 * <p>Every callback publishes {@link #history()}, so a new line must not cost a copy of the whole
 * history: while the outbox is empty and lines arrive in {@code seq} order (the common case), the
 * history is a window over an append-only array shared by successive snapshots, and a new line
 * is one store. Anything else rebuilds it.
 */
final class ChatLog {
    /** What {@link #committed} did with a line. */
    enum Outcome { NEW, RESOLVED, DUPLICATE }

    static final int MAX_LINES = 1000;

    private final TreeMap<Long, ChatMessage> committed = new TreeMap<>();
    private final Map<String, ChatMessage> outbox = new LinkedHashMap<>();
    /** {@link #history()} as last built, or null after a change: every callback publishes it. */
    private List<ChatMessage> history;
    /**
     * Backing array of {@link #history} when it is a {@link Window}: entries {@code [0, end)} are
     * written once and never changed, so published windows stay valid while later lines are appended.
     */
    private Object[] items = new Object[0];
    private int end;

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
            if (outbox.isEmpty()) {
                items = new Object[Math.max(16, Math.min(2 * MAX_LINES, 2 * committed.size()))];
                end = 0;
                for (ChatMessage m : committed.values()) {
                    items[end++] = m;
                }
                history = new Window(items, 0, end);
            } else {
                List<ChatMessage> out = new ArrayList<>(committed.size() + outbox.size());
                out.addAll(committed.values());
                out.addAll(outbox.values());
                history = Collections.unmodifiableList(out);
            }
        }
        return history;
    }

    private void put(ChatMessage line) {
        boolean newest = committed.isEmpty() || line.seq() > committed.lastKey();
        committed.put(line.seq(), line);
        Iterator<Long> oldest = committed.keySet().iterator();
        while (committed.size() > MAX_LINES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        if (newest && outbox.isEmpty() && history instanceof Window w && w.to == end) {
            history = append(w, line);
        } else {
            history = null;
        }
    }

    /** {@code w} plus {@code line}, keeping the last {@link #MAX_LINES}: one store, or a compaction when full. */
    private Window append(Window w, ChatMessage line) {
        if (end == items.length) {
            int keep = Math.min(w.size(), MAX_LINES - 1);
            Object[] fresh = new Object[Math.max(16, 2 * MAX_LINES)];
            System.arraycopy(items, w.to - keep, fresh, 0, keep);
            items = fresh;
            end = keep;
        }
        items[end++] = line;
        return new Window(items, Math.max(0, end - Math.min(committed.size(), MAX_LINES)), end);
    }

    /** An unmodifiable view of {@code items[from, to)}; the entries it covers never change. */
    private static final class Window extends AbstractList<ChatMessage> implements RandomAccess {
        private final Object[] items;
        private final int from;
        final int to;

        Window(Object[] items, int from, int to) {
            this.items = items;
            this.from = from;
            this.to = to;
        }

        @Override
        public ChatMessage get(int index) {
            if (index < 0 || index >= to - from) {
                throw new IndexOutOfBoundsException("index " + index + ", size " + (to - from));
            }
            return (ChatMessage) items[from + index];
        }

        @Override
        public int size() {
            return to - from;
        }
    }
}
