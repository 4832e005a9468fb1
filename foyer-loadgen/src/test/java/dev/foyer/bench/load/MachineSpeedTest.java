package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class MachineSpeedTest {
    @Test
    void theYardstickIsTheSameBytesEveryTime() {
        byte[] a = MachineSpeed.sample();
        assertThat(a).hasSize(MachineSpeed.BYTES).isEqualTo(MachineSpeed.sample());
    }

    @Test
    void theYardstickCompressesLikeTextNotLikeNoiseOrARun() {
        byte[] in = MachineSpeed.sample();
        Deflater d = new Deflater(6);
        d.setInput(in);
        d.finish();
        byte[] out = new byte[64 * 1024];
        long compressed = 0;
        while (!d.finished()) {
            compressed += d.deflate(out);
        }
        d.end();
        // Text of a few words: zlib works at it (neither a 1,000:1 run nor incompressible bytes).
        assertThat(compressed).isBetween(in.length / 20L, in.length / 2L);
    }

    @Test
    void deflatingItTakesMeasurableTime() {
        assertThat(MachineSpeed.deflateMillis()).isGreaterThan(0.0);
    }

    @Test
    void aLoopbackRoundTripTakesMeasurableTime() {
        double micros = MachineSpeed.loopbackMicros();
        // Four system calls and the TCP path twice: more than nothing, less than a millisecond on any machine.
        assertThat(micros).isGreaterThan(0.0).isLessThan(1_000.0);
    }

    @Test
    void hiccupsCountTheWakeUpsThatCameOver10MsLate() throws Exception {
        int[] calls = {0};
        int[] late = {0};
        Map<String, Object> h = MachineSpeed.hiccups(300, () -> {
            if (++calls[0] % 5 == 0) { // every fifth sleep stalls 25 ms, as a host that stops the machine
                late[0]++;
                Thread.sleep(25);
            } else {
                Thread.sleep(1);
            }
        });
        assertThat(late[0]).isPositive();
        // Each stall counted; the other sleeps not (a real stall of this machine may add one or two).
        assertThat((int) h.get("over10ms")).isGreaterThanOrEqualTo(late[0]).isLessThan(calls[0] - late[0]);
        assertThat((double) h.get("maxMs")).isGreaterThanOrEqualTo(23.0);

        long t0 = System.nanoTime();
        MachineSpeed.hiccups();
        assertThat((System.nanoTime() - t0) / 1e6).as("a second of sleeps").isGreaterThanOrEqualTo(MachineSpeed.HICCUP_MILLIS);
    }
}
