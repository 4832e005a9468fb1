package dev.foyer.bench.load;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.SocketFactory;

/**
 * Counts network round trips as the client sees them: on each socket, every time the client reads
 * after having written, it waited for an answer to something it sent. An HTTP request, a WebSocket
 * upgrade and a {@code join} answered by {@code joined} count one each; several frames pushed by
 * the server after one request count once. TCP connects are counted separately.
 */
final class RoundTrips extends SocketFactory {
    private final LongAdder turns = new LongAdder();
    private final LongAdder connects = new LongAdder();

    long turns() {
        return turns.sum();
    }

    long connects() {
        return connects.sum();
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(local, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(local, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    private final class CountingSocket extends Socket {
        /** Whether the client wrote since it last read: the next read is an answer it waited for. */
        private final AtomicBoolean wrote = new AtomicBoolean();
        private InputStream in;
        private OutputStream out;

        @Override
        public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            connects.increment();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0 && wrote.getAndSet(false)) {
                            turns.increment();
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
                        out().write(b, off, len);
                        wrote.set(true);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out().write(b);
                        wrote.set(true);
                    }

                    private OutputStream out() {
                        return this.out;
                    }
                };
            }
            return out;
        }
    }
}
