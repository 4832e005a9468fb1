package dev.foyer.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop arrivals: event {@code i} is due at {@code start + i / rate} whatever happened to the
 * ones before, and latencies are measured from when it was due, so a stalled server shows up as
 * latency instead of slowing the arrivals down (no coordinated omission).
 */
final class Pacer {
    interface Arrival {
        void arrive(int i, long dueNanos) throws InterruptedException;
    }

    private Pacer() {}

    /** Runs {@code n} arrivals at {@code perSecond} on this thread; returns the start time in nanos. */
    static long run(int n, double perSecond, Arrival arrival) throws InterruptedException {
        long start = System.nanoTime();
        double interval = 1e9 / perSecond;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            arrival.arrive(i, due);
        }
        return start;
    }
}
