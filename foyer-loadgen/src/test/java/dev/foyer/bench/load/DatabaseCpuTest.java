package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseCpuTest {
    @Test
    void theProcessesOfANameAreSummedAndAnUnknownNameIsMinusOne() throws Exception {
        String self = Files.readString(Path.of("/proc/self/comm")).strip(); // "java": this JVM, at least
        double own = ProcessStats.of(ProcessHandle.current().pid()).cpuSeconds();

        assertThat(DatabaseCpu.cpuSeconds(self)).isGreaterThanOrEqualTo(own);
        assertThat(DatabaseCpu.cpuSeconds("no-such-process")).isEqualTo(-1);
    }

    @Test
    void aBenchNamingNoRunningProcessIsRefused() {
        assertThatThrownBy(() -> new TargetOptions(null, null, null, false, null, null, null, null, null, null, null, 0,
                "no-such-database", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--database-process no-such-database: no process of that name on this machine");
    }
}
