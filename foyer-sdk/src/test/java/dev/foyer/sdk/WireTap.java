package dev.foyer.sdk;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy in front of a test server that reads what the client says: the request line of
 * every HTTP request and, on an upgraded connection, every WebSocket frame the client sends
 * (unmasked). A test can {@link #hold} the answers to a path until it releases them, to pin the
 * order of discovery and the upgrade; {@link #cutNextAnswer cut} a connection instead of
 * answering; {@link #serve} a path under another name, as a server whose URLs are laid out
 * otherwise would; and {@link #refuseJoins refuse} a client's {@code join} as the server does,
 * without the server seeing it.
 */
final class WireTap implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    enum Type {
        /** The client sent a request for {@code path} (as the client named it). */
        REQUEST,
        /** The answer to the request for {@code path}, of {@code status}, starts towards the client. */
        ANSWER,
        /** The client sent {@code frame} on the upgraded connection. */
        FRAME,
        /** The connection is over. */
        ENDED
    }

    /** Something the tap saw, in the order it saw it. */
    record Event(int connection, Type type, String path, int status, Frame frame) {}

    /** A WebSocket frame from the client, unmasked. */
    record Frame(int opcode, byte[] payload) {
        boolean isText() {
            return opcode == 1;
        }

        boolean isClose() {
            return opcode == 8;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }

        @Override
        public String toString() {
            return isText() ? "text " + text() : isClose() ? "close " + closeCode() : "opcode " + opcode;
        }
    }

    /** Answers held until {@link #release()}. */
    static final class Gate {
        private final CountDownLatch latch = new CountDownLatch(1);

        void release() {
            latch.countDown();
        }

        private void await() throws InterruptedException {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS); // a test that forgot to release fails on its own
        }
    }

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final List<String> cuts = new CopyOnWriteArrayList<>();
    private final AtomicInteger joinsToRefuse = new AtomicInteger();
    private volatile String refusal;
    private final List<Event> events = new ArrayList<>();
    private volatile int targetPort;

    WireTap() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Starts forwarding to {@code 127.0.0.1:port}. */
    void start(int port) {
        this.targetPort = port;
        daemon("wire-tap", this::acceptLoop);
    }

    /** Holds every answer to a request whose path starts with {@code pathPrefix} until the gate is released. */
    Gate hold(String pathPrefix) {
        Gate gate = new Gate();
        gates.put(pathPrefix, gate);
        return gate;
    }

    /** Forwards requests for {@code path} as requests for {@code target}. */
    void serve(String path, String target) {
        aliases.put(path, target);
    }

    /** Cuts (RST) the connection of the next request whose path starts with {@code pathPrefix} when its answer comes. */
    void cutNextAnswer(String pathPrefix) {
        cuts.add(pathPrefix);
    }

    /**
     * Answers the next {@code count} {@code join} frames itself, as the server refuses a join: an
     * {@code error} frame of {@code code} and {@code message}, then close 4008. The server never
     * sees those joins, so their token stays unused.
     */
    void refuseJoins(int count, String code, String message) {
        refusal = "{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
        joinsToRefuse.set(count);
    }

    // ---- what was seen -------------------------------------------------------------------

    List<Event> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** The first event matching, waiting for it; fails after {@link #TIMEOUT}. */
    Event await(String what, Predicate<Event> match) {
        return await(what, match, 1);
    }

    /** The {@code nth} event matching, waiting for it; fails after {@link #TIMEOUT}. */
    Event await(String what, Predicate<Event> match, int nth) {
        return await(what, match, nth, TIMEOUT);
    }

    /** The {@code nth} event matching, waiting for it; fails after {@code timeout}. */
    Event await(String what, Predicate<Event> match, int nth, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                int seen = 0;
                for (Event e : events) {
                    if (match.test(e) && ++seen == nth) {
                        return e;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + "; saw " + describe(events));
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Fails if an event matching comes within {@code quiet} (or came already). */
    void assertNone(String what, Predicate<Event> match, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        synchronized (events) {
            while (true) {
                for (Event e : events) {
                    if (match.test(e)) {
                        throw new AssertionError("unexpected " + what + ": " + e + "; saw " + describe(events));
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    Event awaitRequest(String pathPrefix) {
        return await("request for " + pathPrefix, request(pathPrefix));
    }

    Event awaitAnswer(int connection) {
        return await("answer on connection " + connection, e -> e.connection == connection && e.type == Type.ANSWER);
    }

    /** Waits until {@code connection} is over; fails after {@code timeout}. */
    void awaitEnded(int connection, Duration timeout) {
        await("end of connection " + connection, e -> e.connection == connection && e.type == Type.ENDED, 1, timeout);
    }

    /** The frames the client has sent on {@code connection} so far. */
    List<Frame> frames(int connection) {
        List<Frame> out = new ArrayList<>();
        for (Event e : events()) {
            if (e.connection == connection && e.type == Type.FRAME) {
                out.add(e.frame);
            }
        }
        return out;
    }

    /** The requests seen so far for paths starting with {@code pathPrefix}. */
    List<Event> requests(String pathPrefix) {
        return events().stream().filter(request(pathPrefix)).toList();
    }

    /** Where the first event matching is in the order of events; -1 if none. */
    int indexOf(Predicate<Event> match) {
        List<Event> all = events();
        for (int i = 0; i < all.size(); i++) {
            if (match.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static Predicate<Event> request(String pathPrefix) {
        return e -> e.type == Type.REQUEST && e.path.startsWith(pathPrefix);
    }

    static Predicate<Event> answer(String pathPrefix) {
        return e -> e.type == Type.ANSWER && e.path.startsWith(pathPrefix);
    }

    static Predicate<Event> frameOn(int connection) {
        return e -> e.type == Type.FRAME && e.connection == connection;
    }

    private void record(Event e) {
        synchronized (events) {
            events.add(e);
            events.notifyAll();
        }
    }

    private static String describe(List<Event> events) {
        StringBuilder b = new StringBuilder();
        for (Event e : events) {
            b.append("\n  #").append(e.connection).append(' ').append(e.type)
                    .append(e.path == null ? "" : " " + e.path).append(e.status == 0 ? "" : " " + e.status)
                    .append(e.frame == null ? "" : " " + e.frame);
        }
        return b.toString();
    }

    // ---- forwarding ----------------------------------------------------------------------

    /** One client connection: the path of the request whose answer has not started yet. */
    private final class Link {
        final int number = connections.incrementAndGet();
        final Socket client;
        final Socket upstream;
        volatile String unanswered;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void fromClient() {
            try {
                InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = upstream.getOutputStream();
                boolean upgraded = false;
                while (!upgraded) {
                    byte[] head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    String text = new String(head, StandardCharsets.ISO_8859_1);
                    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                    String path = requestLine[1];
                    String target = aliases.getOrDefault(path, path);
                    String lower = text.toLowerCase(Locale.ROOT);
                    upgraded = lower.contains("\r\nupgrade: websocket");
                    record(new Event(number, Type.REQUEST, path, 0, null));
                    unanswered = path;
                    String forwarded = requestLine[0] + " " + target + text.substring(requestLine[0].length() + 1 + path.length());
                    out.write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(new DataInputStream(in).readNBytes(contentLength(lower)));
                    out.flush();
                }
                boolean refused = false;
                while (true) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    Frame frame = readFrame(in, raw);
                    if (frame == null) {
                        return;
                    }
                    record(new Event(number, Type.FRAME, null, 0, frame));
                    if (!refused && frame.isText() && frame.text().contains("\"type\":\"join\"")
                            && joinsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        refused = true;
                        refuse();
                    }
                    if (!refused) {
                        out.write(raw.toByteArray());
                        out.flush();
                    }
                }
            } catch (IOException gone) {
                // the connection is over
            } finally {
                end();
            }
        }

        void fromServer() {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = upstream.getInputStream();
                OutputStream out = client.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    String path = unanswered;
                    unanswered = null;
                    if (path != null && !answer(path, new String(buf, 0, Math.min(n, 12), StandardCharsets.ISO_8859_1))) {
                        return;
                    }
                    synchronized (this) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // the connection is over
            } finally {
                end();
            }
        }

        /** Sends the client the server's refusal of a join: an error frame, then close 4008. */
        private synchronized void refuse() throws IOException {
            byte[] text = refusal.getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(0x81); // FIN, text; unmasked, as a server sends
            if (text.length < 126) {
                out.write(text.length);
            } else {
                out.write(126);
                out.write(text.length >> 8);
                out.write(text.length & 0xff);
            }
            out.write(text);
            out.write(new byte[] {(byte) 0x88, 2, (byte) (4008 >> 8), (byte) (4008 & 0xff)});
            out.flush();
        }

        /** The answer to {@code path} starts: waits for its gate; false if the connection is cut instead. */
        private boolean answer(String path, String statusLine) throws InterruptedException, IOException {
            for (Map.Entry<String, Gate> g : gates.entrySet()) {
                if (path.startsWith(g.getKey())) {
                    g.getValue().await();
                }
            }
            for (String cut : cuts) {
                if (path.startsWith(cut) && cuts.remove(cut)) {
                    client.setSoLinger(true, 0);
                    end();
                    return false;
                }
            }
            int status = statusLine.startsWith("HTTP/1.1 ") ? Integer.parseInt(statusLine.substring(9, 12)) : 0;
            record(new Event(number, Type.ANSWER, path, status, null));
            return true;
        }

        private synchronized void end() {
            if (client.isClosed() && upstream.isClosed()) {
                return;
            }
            try {
                client.close();
                upstream.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            record(new Event(number, Type.ENDED, null, 0, null));
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Link link = new Link(client, upstream);
                daemon("wire-tap-client-" + link.number, link::fromClient);
                daemon("wire-tap-server-" + link.number, link::fromServer);
            } catch (IOException e) {
                // closed, or the server is gone
            }
        }
    }

    /** An HTTP request's head, up to and including the blank line; null at the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static int contentLength(String lowerCaseHead) {
        int at = lowerCaseHead.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int end = lowerCaseHead.indexOf("\r\n", at + 2);
        return Integer.parseInt(lowerCaseHead.substring(at + 17, end).trim());
    }

    /** One client frame (RFC 6455 §5.2), its bytes as sent copied to {@code raw}; null at the end of the stream. */
    private static Frame readFrame(InputStream in, ByteArrayOutputStream raw) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = data.readUnsignedByte();
        raw.write(b0);
        raw.write(b1);
        long length = b1 & 0x7f;
        if (length >= 126) {
            byte[] extended = data.readNBytes(length == 126 ? 2 : 8);
            raw.write(extended);
            length = length == 126 ? ByteBuffer.wrap(extended).getShort() & 0xffff : ByteBuffer.wrap(extended).getLong();
        }
        byte[] mask = (b1 & 0x80) != 0 ? data.readNBytes(4) : new byte[4];
        if ((b1 & 0x80) != 0) {
            raw.write(mask);
        }
        byte[] payload = data.readNBytes((int) length);
        raw.write(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new Frame(b0 & 0x0f, payload);
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
