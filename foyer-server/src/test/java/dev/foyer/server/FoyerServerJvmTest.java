package dev.foyer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class FoyerServerJvmTest {
    /** The start line says which Java and which collector run the server ("foyer started ... jvm=..."). */
    @Test
    void namesTheJavaVersionAndTheCollector() {
        String jvm = FoyerServer.jvm();
        assertThat(jvm).startsWith("Java " + Runtime.version());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            assertThat(jvm).contains(gc.getName());
        }
    }
}
