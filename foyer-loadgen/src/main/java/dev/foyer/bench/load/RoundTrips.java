package dev.foyer.bench.load;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;

/**
 * Counts network round trips as the client sees them. On each socket an <em>exchange</em> runs
 * from a write (the first since the socket last read) to the first read after it: the client
 * waited for an answer to something it sent. An HTTP request, a WebSocket upgrade and a
 * {@code join} answered by {@code joined} are one exchange each; several frames pushed by the
 * server after one request count once. TCP connects are counted apart.
 *
 * <p>Exchanges on different sockets can run at the same time, so their total ({@link
 * #exchanges()}) overstates the wait. While {@link #startRecording(long) recording}, each exchange's
 * interval is kept, and {@link #inSequence} gives the round trips in sequence: the longest chain
 * of exchanges each starting after the previous one ended.
 *
 * <p>On loopback an exchange lasts a fraction of a millisecond, about as long as waking a thread,
 * so two exchanges a client starts together may or may not overlap depending on scheduling. While
 * recording, a <em>simulated round-trip time</em> can be added to every exchange: the read that
 * completes it is held back that long, as if the answer had crossed a network. Exchanges started
 * together then overlap as they would on one, and the chain shows the client's structure rather
 * than the scheduler's. TCP connects are not delayed (they are counted apart).
 */
final class RoundTrips extends SocketFactory {
    /** One exchange: when its first write started and its first answering read completed ({@link System#nanoTime()}). */
    record Exchange(long startNanos, long endNanos) {}

    private final LongAdder exchanges = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final Object lock = new Object();
    /** The exchanges that started since {@link #recordingSince}; null when not recording. Guarded by {@link #lock}. */
    private List<Exchange> recorded;
    private long recordingSince;
    /** Added to each exchange while recording; 0 when none. */
    private volatile long simulatedRttNanos;

    /** Exchanges on every socket so far. */
    long exchanges() {
        return exchanges.sum();
    }

    long connects() {
        return connects.sum();
    }

    /**
     * Keeps the interval of every exchange that starts from now until {@link #stopRecording()},
     * holding back the answer of each by {@code simulatedRttMillis} (0: none).
     */
    void startRecording(long simulatedRttMillis) {
        synchronized (lock) {
            recorded = new ArrayList<>();
            recordingSince = System.nanoTime();
            simulatedRttNanos = TimeUnit.MILLISECONDS.toNanos(simulatedRttMillis);
        }
    }

    /** The exchanges recorded since {@link #startRecording(long)} (those complete by now), and stops recording. */
    List<Exchange> stopRecording() {
        synchronized (lock) {
            List<Exchange> out = recorded == null ? List.of() : recorded;
            recorded = null;
            simulatedRttNanos = 0;
            return out;
        }
    }

    /**
     * The round trips in sequence: the most exchanges that can be put in a chain where each starts
     * after the previous one ended. Exchanges that overlap count once; a chain counts each.
     */
    static int inSequence(Collection<Exchange> exchanges) {
        List<Exchange> byEnd = new ArrayList<>(exchanges);
        byEnd.sort(Comparator.comparingLong(Exchange::endNanos));
        int chain = 0;
        long lastEnd = Long.MIN_VALUE;
        for (Exchange e : byEnd) { // the one ending first is always the best next link
            if (chain == 0 || e.startNanos() > lastEnd) {
                chain++;
                lastEnd = e.endNanos();
            }
        }
        return chain;
    }

    /** Returns no earlier than the simulated round-trip time after {@code sinceNanos}. */
    private void holdBack(long sinceNanos) {
        long rtt = simulatedRttNanos;
        long left;
        while (rtt > 0 && (left = sinceNanos + rtt - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private void exchanged(long startNanos, long endNanos) {
        exchanges.increment();
        synchronized (lock) {
            if (recorded != null && startNanos >= recordingSince) {
                recorded.add(new Exchange(startNanos, endNanos));
            }
        }
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(local, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(local, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    private final class CountingSocket extends Socket {
        private static final long NONE = Long.MIN_VALUE;
        /** When the client first wrote since it last read (the open exchange began), or {@link #NONE}. */
        private final AtomicLong writeSince = new AtomicLong(NONE);
        private InputStream in;
        private OutputStream out;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            connects.increment();
        }

        private void onWrite() {
            writeSince.compareAndSet(NONE, System.nanoTime());
        }

        private void onRead() {
            long since = writeSince.getAndSet(NONE);
            if (since != NONE) {
                holdBack(since);
                exchanged(since, System.nanoTime());
            }
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            onRead();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            onRead();
                        }
                        return n;
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                        onWrite();
                    }

                    @Override
                    public void write(int b) throws IOException {
                        this.out.write(b);
                        onWrite();
                    }
                };
            }
            return out;
        }
    }
}
