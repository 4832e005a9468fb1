package dev.foyer.bench.load;

import java.util.Map;

/** One of {@code foyer bench}'s workloads: its name, its parameters, and the run that fills a result. */
public abstract class Workload {
    Workload() {}

    /** {@code join-storm}, {@code fanout}, {@code idle} or {@code churn}. */
    public abstract String name();

    /** The parameters as they appear in the result. */
    public abstract Map<String, Object> parameters();

    /** Runs against {@code target}, adding the workload's figures to {@code result} (errors under {@code errors}). */
    abstract void run(Target target, Progress progress, Map<String, Object> result) throws InterruptedException;

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
