package dev.foyer.sdk.internal;

import dev.foyer.sdk.FoyerLogger;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/** What every conversation of one {@code FoyerClient} shares: clients, executor, logger, timings. */
public final class ClientContext {
    final OkHttpClient http;
    final OkHttpClient webSockets;
    final Executor callbackExecutor;
    final FoyerLogger logger;
    final long joinTimeoutMillis;
    final long reconnectTimeoutMillis;
    final long backoffInitialMillis;
    final long backoffMaxMillis;
    final long leaveTimeoutMillis;
    final Consumer<RealConversation> onEnded;

    /**
     * @param callbackExecutor where listeners run; null runs them on each conversation's own thread
     * @param onEnded told (on the conversation's thread) when a conversation has ended
     */
    public ClientContext(OkHttpClient http, OkHttpClient webSockets, Executor callbackExecutor, FoyerLogger logger,
            long joinTimeoutMillis, long reconnectTimeoutMillis, long backoffInitialMillis, long backoffMaxMillis,
            Consumer<RealConversation> onEnded) {
        this.http = http;
        this.webSockets = webSockets;
        this.callbackExecutor = callbackExecutor;
        this.logger = logger;
        this.joinTimeoutMillis = joinTimeoutMillis;
        this.reconnectTimeoutMillis = reconnectTimeoutMillis;
        this.backoffInitialMillis = backoffInitialMillis;
        this.backoffMaxMillis = backoffMaxMillis;
        this.leaveTimeoutMillis = 3000;
        this.onEnded = onEnded;
    }
}
