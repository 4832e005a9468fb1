package dev.foyer.bench.load;

/** A run stopped for a reason its message tells the user in full (a {@code --step-hook} that failed, say). */
public final class BenchFailure extends RuntimeException {
    public BenchFailure(String message) {
        super(message);
    }
}
