package dev.foyer.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU seconds of every process of one name on this machine (by the name in {@code /proc/<pid>/stat}), for a
 * database server that runs apart from Foyer: PostgreSQL works in a process per connection, all
 * named {@code postgres}, and none of their CPU shows in the server's own figures. The embedded
 * H2 runs inside the server, so it needs none of this.
 */
final class DatabaseCpu {
    private DatabaseCpu() {}

    /** User plus system CPU seconds of the processes named {@code name}; -1 when there are none (or no {@code /proc}). */
    static double cpuSeconds(String name) {
        double total = 0;
        int found = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (ProcessStats.name(stat).equals(name)) {
                        total += ProcessStats.cpuSeconds(stat);
                        found++;
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended between the listing and the read.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return found == 0 ? -1 : total;
    }
}
