package dev.foyer.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * What can be learnt of a running {@code foyer serve} on this machine from its process id: its JVM
 * flags (the command line up to {@code -jar} or the main class), its {@code java} executable, the
 * Java version ({@code jcmd VM.version}, with the server's own JDK's {@code jcmd}) and Foyer's
 * version (the jar's manifest). Anything unreadable stays "unknown".
 */
final class ExternalServer {
    private ExternalServer() {}

    static Map<String, Object> describe(long pid) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pid", pid);
        List<String> args = ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of).orElse(List.of());
        List<String> flags = new ArrayList<>();
        String jar = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-jar")) {
                jar = i + 1 < args.size() ? args.get(i + 1) : null;
                break;
            }
            if (a.equals("-cp") || a.equals("-classpath")) {
                i++;
                continue;
            }
            if (!a.startsWith("-")) {
                break; // the main class
            }
            flags.add(a);
        }
        d.put("jvmFlags", flags);
        d.put("java", java(pid).map(Path::toString).orElse("unknown"));
        d.put("javaVersion", javaVersion(pid));
        d.put("foyerVersion", jar == null ? "unknown" : foyerVersion(jar));
        return d;
    }

    /** The executable process {@code pid} runs (its {@code java}), as the system names it; empty if unreadable. */
    static Optional<Path> java(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(Path::of);
    }

    /** The "JDK 17.0.15" line of {@code jcmd <pid> VM.version}, without "JDK ". */
    static String javaVersion(long pid) {
        try {
            for (String line : Jcmd.run(pid, "VM.version", 10).split("\n")) {
                if (line.startsWith("JDK ")) {
                    return line.substring(4).trim();
                }
            }
        } catch (IOException e) {
            // unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    private static String foyerVersion(String jar) {
        try (JarFile file = new JarFile(jar)) {
            String v = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v == null ? "development" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
