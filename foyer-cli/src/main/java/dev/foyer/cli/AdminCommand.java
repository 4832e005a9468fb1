package dev.foyer.cli;

import dev.foyer.server.store.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * An admin command: checks its options, opens the same storage the server uses (an embedded
 * database may be open in a running server), does its work, and closes the storage.
 */
abstract class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions storage;

    @Override
    public final Integer call() {
        check();
        try (Stores stores = Admin.open(storage)) {
            return run(stores);
        }
    }

    /** Validates option combinations before any storage is opened; throw a ParameterException (exit 2). */
    void check() {}

    /** The command's work; returns the exit code. */
    abstract int run(Stores stores);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
