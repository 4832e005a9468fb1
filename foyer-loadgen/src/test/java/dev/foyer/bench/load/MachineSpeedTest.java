package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

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
}
