package dev.foyer.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code foyer serve} in a child JVM on a free port: {@code java <flags> -cp <classpath>
 * dev.foyer.cli.Main serve --port 0 --data DIR}. Its output goes to {@code DIR/server.log}; the
 * URL is read from its "Foyer is running at" line.
 */
final class SpawnedServer implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Foyer is running at (\\S+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final String url;
    private final List<String> jvmArguments;

    private SpawnedServer(Process process, String url, List<String> jvmArguments) {
        this.process = process;
        this.url = url;
        this.jvmArguments = jvmArguments;
    }

    static SpawnedServer start(TargetOptions o, Path data) {
        String java = o.serverJava() != null ? o.serverJava()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = o.serverClasspath() != null ? o.serverClasspath() : System.getProperty("java.class.path");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(o.serverJvmOptions());
        command.add("-cp");
        command.add(classpath);
        command.add("dev.foyer.cli.Main");
        command.add("serve");
        command.add("--port");
        command.add("0");
        command.add("--data");
        command.add(data.toString());
        if (o.databaseUrl() != null) {
            command.add("--database-url");
            command.add(o.databaseUrl());
            if (o.databaseUser() != null) {
                command.add("--database-user");
                command.add(o.databaseUser());
            }
        }
        command.addAll(o.serverArgs());
        Path log = data.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (o.databasePassword() != null) {
            pb.environment().put("FOYER_DATABASE_PASSWORD", o.databasePassword());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                Matcher m = RUNNING.matcher(out);
                if (m.find()) {
                    return new SpawnedServer(p, m.group(1), List.copyOf(o.serverJvmOptions()));
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server exited with " + p.exitValue() + ":\n" + out);
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the server did not start within " + START_TIMEOUT_SECONDS + " s; see " + log);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    List<String> jvmArguments() {
        return jvmArguments;
    }

    /** SIGTERM, so the server shuts down cleanly (and a JFR recording is written); SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
