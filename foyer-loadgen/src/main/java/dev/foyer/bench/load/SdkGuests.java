package dev.foyer.bench.load;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.Conversation;
import dev.foyer.sdk.ConversationListener;
import dev.foyer.sdk.EndReason;
import dev.foyer.sdk.FoyerClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * Guests on the real client stack: one {@link FoyerClient} (the SDK as an app uses it) whose
 * OkHttp client counts HTTP calls (not WebSocket upgrades: OkHttp does not tell event listeners of
 * those), TCP connects and round trips ({@link RoundTrips}).
 * Each guest has the SDK's own conversation thread and WebSocket reader thread.
 */
final class SdkGuests implements AutoCloseable {
    /** What a fan-out receiver does with a chat line; runs on the guest's conversation thread. */
    interface ChatSink {
        void received(ChatMessage message, long nowNanos);

        void failed(ChatMessage message);
    }

    private final RoundTrips roundTrips = new RoundTrips();
    private final LongAdder httpCalls = new LongAdder();
    private final OkHttpClient http;
    private final FoyerClient client;

    SdkGuests() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1_000_000); // each WebSocket holds a call for its life
        dispatcher.setMaxRequestsPerHost(1_000_000);
        http = new OkHttpClient.Builder().dispatcher(dispatcher).socketFactory(roundTrips)
                .eventListener(new EventListener() {
                    @Override
                    public void callStart(Call call) {
                        httpCalls.increment();
                    }
                }).build();
        // No client pings during a run: a pong would count as a round trip of the join.
        client = new FoyerClient.Builder().okHttpClient(http).pingInterval(Duration.ofMinutes(30))
                .joinTimeout(Duration.ofSeconds(60)).build();
    }

    /** Starts joining now; the guest's {@link Guest#inMeeting} completes when its roster arrives. */
    Guest join(Tickets.Ticket t, ChatSink chat) {
        Guest g = new Guest(chat);
        g.conversation = client.joinMeetingAnonymously(t.name(), t.joinUrl(), t.token(), t.discoverUri(), g);
        return g;
    }

    /** Exchanges (a write and the first read answering it) on every socket so far; see {@link RoundTrips}. */
    long exchanges() {
        return roundTrips.exchanges();
    }

    /**
     * Keeps the interval of every exchange from now on, for {@link #stopRecording()}, each answer
     * held back by {@code simulatedRttMillis} as if it crossed a network ({@link RoundTrips}).
     */
    void startRecording(long simulatedRttMillis) {
        roundTrips.startRecording(simulatedRttMillis);
    }

    /** The round trips in sequence since {@link #startRecording(long)}: the longest chain of exchanges. */
    int stopRecording() {
        return RoundTrips.inSequence(roundTrips.stopRecording());
    }

    long tcpConnects() {
        return roundTrips.connects();
    }

    long httpCalls() {
        return httpCalls.sum();
    }

    @Override
    public void close() {
        client.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** One guest's conversation and what the bench waits for. */
    static final class Guest extends ConversationListener {
        /** Completes with {@link System#nanoTime()} when the roster (the {@code snapshot}) arrives, or fails. */
        final CompletableFuture<Long> inMeeting = new CompletableFuture<>();
        final CompletableFuture<EndReason> ended = new CompletableFuture<>();
        private final ChatSink chat;
        volatile Conversation conversation;

        private Guest(ChatSink chat) {
            this.chat = chat;
        }

        void leave() {
            conversation.leave();
        }

        @Override
        public void onParticipantsReset(Conversation c) {
            inMeeting.complete(System.nanoTime());
        }

        @Override
        public void onChatMessage(Conversation c, ChatMessage m) {
            if (chat != null && !m.isOutgoing()) {
                chat.received(m, System.nanoTime());
            }
        }

        @Override
        public void onChatMessageStateChanged(Conversation c, ChatMessage m) {
            if (chat == null) {
                return;
            }
            if (m.state() == ChatMessage.State.SENT && m.seq() > 0) {
                chat.received(m, System.nanoTime()); // the sender's own copy: one of the meeting's deliveries
            } else if (m.state() == ChatMessage.State.FAILED) {
                chat.failed(m);
            }
        }

        @Override
        public void onEnded(Conversation c, EndReason reason) {
            if (!inMeeting.isDone()) {
                inMeeting.completeExceptionally(reason.error() != null ? reason.error()
                        : new IllegalStateException("ended before the roster: " + reason));
            }
            ended.complete(reason);
        }
    }
}
