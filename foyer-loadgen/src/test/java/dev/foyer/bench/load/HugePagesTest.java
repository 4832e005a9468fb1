package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugePagesTest {
    @Test
    void settingsAreTheKernelsBracketedChoices(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("enabled"), "always [madvise] never\n");
        Files.writeString(dir.resolve("shmem_enabled"), "always within_size [advise] never deny force\n");
        assertThat(HugePages.settings(dir)).containsEntry("enabled", "madvise").containsEntry("shmemEnabled", "advise");

        Files.delete(dir.resolve("shmem_enabled"));
        Files.writeString(dir.resolve("enabled"), "no choice marked\n");
        assertThat(HugePages.settings(dir)).containsEntry("enabled", "unknown").containsEntry("shmemEnabled", "unknown");
    }

    @Test
    void residentShareCountsAnonymousSharedAndFileHugePagesAgainstRss() {
        // A ZGC server on JDK 17 with its 12 GiB heap on huge pages: the heap mapped three times.
        String zgc = """
                40000000000-7ffc776a4000 ---p 00000000 00:00 0                           [rollup]
                Rss:            38454672 kB
                Pss:            13285908 kB
                Anonymous:        682592 kB
                AnonHugePages:     43008 kB
                ShmemPmdMapped: 37730304 kB
                FilePmdMapped:         0 kB
                Shared_Hugetlb:        0 kB
                """;
        assertThat(HugePages.residentShare(zgc)).isEqualTo(0.982);
        String small = "Rss: 1000 kB\nAnonHugePages: 0 kB\nShmemPmdMapped: 0 kB\nFilePmdMapped: 0 kB\n";
        assertThat(HugePages.residentShare(small)).isZero();
        assertThat(HugePages.residentShare("nothing here")).isEqualTo(-1);
    }

    @Test
    void aLiveProcessIsReadAndAnUnknownOneIsNot() {
        double own = HugePages.residentShare(ProcessHandle.current().pid());
        if (Files.exists(Path.of("/proc/self/smaps_rollup"))) {
            assertThat(own).isBetween(0.0, 1.0);
        } else {
            assertThat(own).isEqualTo(-1);
        }
        assertThat(HugePages.residentShare(-1)).isEqualTo(-1);
    }
}
