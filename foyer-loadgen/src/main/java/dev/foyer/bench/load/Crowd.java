package dev.foyer.bench.load;

import dev.foyer.sdk.ChatMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Guests on either client, as the workloads that can run on both ({@code --client sdk|lean}) use
 * them: join, say a line, hear lines, leave.
 */
interface Crowd {
    /** Joins now; {@code listener} (may be null) hears the chat lines that reach this guest. */
    Member join(Tickets.Ticket ticket, Listener listener);

    /** One guest. */
    interface Member {
        /** Completes with {@link System#nanoTime()} when the roster (the {@code snapshot}) arrived, or fails. */
        CompletableFuture<Long> inMeeting();

        /** Sends a chat line. */
        void say(String text);

        void leave();

        /** Completes once the guest is gone. */
        CompletableFuture<?> gone();

        /** Where the join's time went, once {@link #inMeeting} completed; null on the SDK. */
        default JoinPhases phases() {
            return null;
        }
    }

    /** What a guest hears; runs on the client's threads. */
    interface Listener {
        /** A chat line reached this guest (its own lines included). */
        void chat(String text, long nowNanos);

        /** A line of this guest's was refused or failed. */
        void failed();
    }

    /** Guests on the SDK: one conversation each, as apps run. */
    static Crowd sdk(SdkGuests guests) {
        return (ticket, listener) -> {
            SdkGuests.Guest g = guests.join(ticket, listener == null ? null : new SdkGuests.ChatSink() {
                @Override
                public void received(ChatMessage message, long nowNanos) {
                    listener.chat(message.text(), nowNanos);
                }

                @Override
                public void failed(ChatMessage message) {
                    listener.failed();
                }
            });
            return new Member() {
                public CompletableFuture<Long> inMeeting() {
                    return g.inMeeting;
                }

                public void say(String text) {
                    g.conversation.chat().send(text);
                }

                public void leave() {
                    g.leave();
                }

                public CompletableFuture<?> gone() {
                    return g.ended;
                }
            };
        };
    }

    /** Guests on Netty, sharing one event loop per core. */
    static Crowd lean(LeanGuests guests) {
        return (ticket, listener) -> {
            CompletableFuture<LeanGuests.Guest> joining = guests.join(ticket, listener == null ? null
                    : new LeanGuests.TextSink() {
                        @Override
                        public void chat(String text, long nowNanos) {
                            listener.chat(text, nowNanos);
                        }

                        @Override
                        public void error(String code) {
                            listener.failed();
                        }
                    });
            CompletableFuture<Long> at = joining.thenApply(g -> g.inMeetingAt);
            return new Member() {
                public CompletableFuture<Long> inMeeting() {
                    return at;
                }

                public void say(String text) {
                    joining.join().say(text);
                }

                public void leave() {
                    joining.thenAccept(LeanGuests.Guest::leave);
                }

                public CompletableFuture<?> gone() {
                    return joining.thenCompose(g -> g.closed);
                }

                public JoinPhases phases() {
                    return joining.isDone() && !joining.isCompletedExceptionally() ? joining.join().phases() : null;
                }
            };
        };
    }
}
