package dev.foyer.server.testing;

/** Counts threads waiting inside a method, read from their states and stacks: how tests see a queue form. */
public final class Parked {
    private Parked() {}

    /** Threads in a timed wait with {@code method} of {@code type} on their stack. */
    public static int in(Class<?> type, String method) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getState() == Thread.State.TIMED_WAITING && hasFrame(t, type.getName(), method)) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasFrame(Thread t, String className, String method) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(className) && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
