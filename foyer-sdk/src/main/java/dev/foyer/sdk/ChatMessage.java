package dev.foyer.sdk;

import java.time.Instant;
import java.util.Objects;

/**
 * One chat line. Immutable: when an outgoing line is delivered (or fails), a new instance with the
 * same {@link #clientMessageId()} replaces it in {@link Chat#history()} and reaches {@link
 * ConversationListener#onChatMessageStateChanged}.
 *
 * <p>Delivery of an outgoing line: {@link State#PENDING} until the server has committed it
 * ({@link State#SENT}, with a {@link #messageId()} and {@link #seq()}), or {@link State#FAILED}
 * with an {@link #error()}. A line sent while reconnecting stays pending and is delivered exactly
 * once after the session resumes. Incoming lines are always {@code SENT}.
 */
public final class ChatMessage {
    /** Delivery state. */
    public enum State {
        /** Sent by this app; the server has not confirmed it yet. */
        PENDING,
        /** Committed by the server (every incoming line is in this state). */
        SENT,
        /** Will not be delivered; see {@link #error()}. */
        FAILED
    }

    private final String clientMessageId;
    private final String messageId;
    private final long seq;
    private final String senderId;
    private final String senderName;
    private final String text;
    private final Instant sentAt;
    private final boolean outgoing;
    private final State state;
    private final FoyerException error;

    private ChatMessage(Builder b) {
        this.clientMessageId = b.clientMessageId;
        this.messageId = b.messageId;
        this.seq = b.seq;
        this.senderId = b.senderId;
        this.senderName = b.senderName == null ? "" : b.senderName;
        this.text = Objects.requireNonNull(b.text, "text == null");
        this.sentAt = b.sentAt;
        this.outgoing = b.outgoing;
        this.state = b.state == null ? State.SENT : b.state;
        this.error = b.error;
    }

    /** The id the sending client chose; the key of an outgoing line while it is pending. May be null for incoming lines. */
    public String clientMessageId() {
        return clientMessageId;
    }

    /** The server's id ({@code m_...}); null until {@link State#SENT}. */
    public String messageId() {
        return messageId;
    }

    /** The meeting sequence number of the committed line; 0 until {@link State#SENT}. Orders the history. */
    public long seq() {
        return seq;
    }

    /** The sender's participant id (this participant's own id for outgoing lines). */
    public String senderId() {
        return senderId;
    }

    /** The sender's display name when the line was sent. */
    public String senderName() {
        return senderName;
    }

    /** The text. */
    public String text() {
        return text;
    }

    /** When the server committed the line; for a pending line, when this app sent it. */
    public Instant sentAt() {
        return sentAt;
    }

    /** Whether this participant sent the line (from this app, or from an earlier run of the same session). */
    public boolean isOutgoing() {
        return outgoing;
    }

    /** The delivery state. */
    public State state() {
        return state;
    }

    /** Why the line failed; null unless {@link State#FAILED}. */
    public FoyerException error() {
        return error;
    }

    /** A builder initialised with this message's values. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** A builder for a message with {@code text}. */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    @Override
    public String toString() {
        return "ChatMessage{" + state + ", seq=" + seq + ", from=" + senderName + ": " + text + "}";
    }

    /** Builds {@link ChatMessage}s. */
    public static final class Builder {
        private String clientMessageId;
        private String messageId;
        private long seq;
        private String senderId;
        private String senderName;
        private String text;
        private Instant sentAt;
        private boolean outgoing;
        private State state;
        private FoyerException error;

        private Builder(String text) {
            this.text = Objects.requireNonNull(text, "text == null");
        }

        private Builder(ChatMessage m) {
            this.clientMessageId = m.clientMessageId;
            this.messageId = m.messageId;
            this.seq = m.seq;
            this.senderId = m.senderId;
            this.senderName = m.senderName;
            this.text = m.text;
            this.sentAt = m.sentAt;
            this.outgoing = m.outgoing;
            this.state = m.state;
            this.error = m.error;
        }

        /** The sending client's id for the line. */
        public Builder clientMessageId(String clientMessageId) {
            this.clientMessageId = clientMessageId;
            return this;
        }

        /** The server's id. */
        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        /** The meeting sequence number. */
        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /** The sender's participant id. */
        public Builder senderId(String senderId) {
            this.senderId = senderId;
            return this;
        }

        /** The sender's display name. */
        public Builder senderName(String senderName) {
            this.senderName = senderName;
            return this;
        }

        /** When sent. */
        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        /** Whether this participant sent it. */
        public Builder outgoing(boolean outgoing) {
            this.outgoing = outgoing;
            return this;
        }

        /** The delivery state; null means {@link State#SENT}. */
        public Builder state(State state) {
            this.state = state;
            return this;
        }

        /** Why it failed. */
        public Builder error(FoyerException error) {
            this.error = error;
            return this;
        }

        /** The message. */
        public ChatMessage build() {
            return new ChatMessage(this);
        }
    }
}
