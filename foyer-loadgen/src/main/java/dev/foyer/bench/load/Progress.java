package dev.foyer.bench.load;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A one-line status rewritten in place on stderr every second while a workload runs. */
public final class Progress implements AutoCloseable {
    /** Prints nothing (tests, and {@code --quiet}). */
    public static final Progress NONE = new Progress(null);

    private final PrintWriter err;
    private final ScheduledExecutorService ticker;
    private volatile Supplier<String> status = () -> "";
    private volatile long startNanos = System.nanoTime();

    private Progress(PrintWriter err) {
        this.err = err;
        this.ticker = err == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
        }
    }

    public static Progress to(PrintWriter err) {
        return new Progress(err);
    }

    /** What the line says from now on, for example {@code "step 2/5 rate=500/s joined=312 errors=0"}. */
    void show(Supplier<String> status) {
        this.status = status;
    }

    /** A finished phase, on a line of its own. */
    void note(String line) {
        if (err != null) {
            synchronized (this) {
                err.print("\r\033[K" + line + "\n");
                err.flush();
            }
        }
    }

    private void print() {
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        synchronized (this) {
            err.print("\r\033[K[" + s + "s] " + status.get());
            err.flush();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            synchronized (this) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
