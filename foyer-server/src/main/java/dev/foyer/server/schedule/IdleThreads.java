package dev.foyer.server.schedule;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Pools of daemon threads that exist only while there is work: each ends after a spell idle. */
public final class IdleThreads {
    private IdleThreads() {}

    /**
     * At most {@code threads} daemon threads named {@code threadName}, each ending after {@code
     * idle} without work; tasks that find them busy wait in {@code queue}, and are refused
     * ({@link java.util.concurrent.RejectedExecutionException}) once it is full.
     */
    public static ThreadPoolExecutor pool(String threadName, int threads, BlockingQueue<Runnable> queue,
            Duration idle) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idle.toMillis(), TimeUnit.MILLISECONDS,
                queue, r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
