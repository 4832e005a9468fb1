/**
 * The load generator behind {@code foyer bench}: workloads ({@link dev.foyer.bench.load.JoinStorm},
 * {@link dev.foyer.bench.load.Fanout}, {@link dev.foyer.bench.load.Idle},
 * {@link dev.foyer.bench.load.Churn}) run by {@link dev.foyer.bench.load.Bench} against a server
 * started in-process, spawned as a child JVM, or external, with the real client stack (foyer-sdk
 * for guests, foyer-platform-client for the back-end's tokens). See docs/performance.md.
 */
package dev.foyer.bench.load;
