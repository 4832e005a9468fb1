package dev.foyer.server.store.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database file across processes: what a killed server acknowledged is on disk, and
 * an admin process can use the file while a server holds it.
 */
class H2DurabilityTest {
    private static final long CHILD_COMMIT_TIMEOUT_SECONDS = 60;

    @TempDir
    Path tempDir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child process died").isTrue();
        }
    }

    @Test
    void acknowledgedCommitSurvivesSigkill() throws Exception {
        Path dataDir = tempDir.resolve("data");
        AppId committed = startChildThatCommits(dataDir);

        killChild();

        try (JdbcStores reopened = JdbcStores.open(TestDatabases.freshH2(dataDir).config())) {
            assertThat(reopened.applications().find(committed)).isPresent();
        }
    }

    @Test
    void secondProcessReadsAndWritesWhileTheFirstHoldsTheFile() throws Exception {
        Path dataDir = tempDir.resolve("data");
        AppId committedByChild = startChildThatCommits(dataDir);
        Application addedAlongside = StoreFixtures.application();

        try (JdbcStores alongside = JdbcStores.open(TestDatabases.freshH2(dataDir).config())) {
            assertThat(alongside.applications().find(committedByChild)).isPresent();
            alongside.applications().insert(addedAlongside);
        }
        killChild();

        try (JdbcStores reopened = JdbcStores.open(TestDatabases.freshH2(dataDir).config())) {
            assertThat(reopened.applications().find(committedByChild)).isPresent();
            assertThat(reopened.applications().find(addedAlongside.id())).contains(addedAlongside);
        }
    }

    /** Starts {@link CommitThenHang} on {@code dataDir}; returns the id it committed, the child still running. */
    private AppId startChildThatCommits(Path dataDir) throws Exception {
        Path childStderr = tempDir.resolve("child-stderr.log");
        child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        CommitThenHang.class.getName(), dataDir.toString()))
                .redirectError(childStderr.toFile())
                .start();
        try {
            String line = committedLine(child).get(CHILD_COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new AppId(line.substring(CommitThenHang.COMMITTED.length()));
        } catch (Exception e) {
            throw new AssertionError(
                    "child never reported its commit; its stderr:\n" + Files.readString(childStderr), e);
        }
    }

    private static CompletableFuture<String> committedLine(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                    if (line.startsWith(CommitThenHang.COMMITTED)) {
                        return line;
                    }
                }
                throw new IllegalStateException("child exited with " + process.waitFor() + " before committing");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
