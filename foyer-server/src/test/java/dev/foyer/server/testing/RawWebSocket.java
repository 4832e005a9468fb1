package dev.foyer.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a bare {@link Socket} that reads only when told to: the way to be a
 * client that stops reading. Its receive buffer is small, so the server's writes back up quickly.
 * Speaks just enough RFC 6455 for tests, no extensions; sends any frame it is given, fragments too.
 */
public final class RawWebSocket implements AutoCloseable {
    /** A frame from the server: its opcode and payload (for a close frame, the code first). */
    public record Frame(int opcode, byte[] payload) {
        public boolean isText() {
            return opcode == 0x1;
        }

        public boolean isClose() {
            return opcode == 0x8;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to a {@code ws://} URL and completes the opening handshake. */
    public static RawWebSocket connect(String wsUrl, int receiveBufferBytes) {
        URI uri = URI.create(wsUrl);
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBufferBytes);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            RawWebSocket ws = new RawWebSocket(socket);
            String key = Base64.getEncoder().encodeToString(randomBytes(16));
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            String status = ws.readHeaders();
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new AssertionError("handshake refused: " + status);
            }
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one masked text frame. */
    public void sendText(String text) {
        sendFrame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one masked frame of any opcode ({@code 0x0} continuation, {@code 0x1} text, {@code 0x2}
     * binary, {@code 0x9} ping...), final or not: fragments, and bytes a well-behaved client would not send.
     */
    public void sendFrame(int opcode, boolean fin, byte[] payload) {
        byte[] mask = randomBytes(4);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads frames until a close frame arrives; its code (1005 if it has none). */
    public int awaitClose() {
        for (Frame f = readFrame(); f != null; f = readFrame()) {
            if (f.isClose()) {
                return f.closeCode();
            }
        }
        throw new AssertionError("stream ended without a close frame");
    }

    /** Reads the next frame, waiting at most the socket timeout; null at the end of the stream. */
    public Frame readFrame() {
        try {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            return new Frame(b0 & 0x0f, payload);
        } catch (java.net.SocketException e) {
            return null; // reset by the server: the end of the stream, too
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads frames until a text frame containing {@code fragment} arrives. */
    public String awaitText(String fragment) {
        for (Frame f = readFrame(); f != null; f = readFrame()) {
            if (f.isText() && f.text().contains(fragment)) {
                return f.text();
            }
        }
        throw new AssertionError("stream ended before a frame with " + fragment);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + headers);
            }
            headers.append((char) b);
        }
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
