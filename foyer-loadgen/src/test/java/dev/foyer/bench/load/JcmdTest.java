package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JcmdTest {
    private static final Path OWN = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    @Test
    void aJavaProcessIsAttachedToWithTheJcmdBesideItsOwnJava() throws Exception {
        assertThat(Jcmd.of(ProcessHandle.current().pid())).isEqualTo(OWN.toRealPath());
    }

    @Test
    void aProcessThatIsGoneFallsBackToTheBenchsOwnJcmd() {
        assertThat(Jcmd.of(999_999_999L)).isEqualTo(OWN);
    }

    @Test
    void runReturnsWhatJcmdPrinted() throws Exception {
        assertThat(Jcmd.run(ProcessHandle.current().pid(), "VM.version", 30))
                .contains("JDK " + Runtime.version().feature() + ".");
    }
}
