package dev.foyer.bench.load;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Guests for tens of thousands of idle connections, or a join storm or fan-out measured without
 * the SDK's two threads per guest (its conversation thread and OkHttp's WebSocket reader)
 * dominating this side: the same protocol ({@code GET discoverUri}, WebSocket, {@code join}, wait
 * for {@code snapshot}, {@code chat.send}) on Netty's HTTP and WebSocket codecs, with one event
 * loop per core for all sockets, each frame handled on the loop that read it. Like the SDK, the
 * guests read {@code batch} frames (several messages in one frame). It answers pings,
 * hands the text of each {@code chat} event and the code of each {@code error} to a {@link
 * TextSink}, and ignores the rest.
 *
 * <p>A guest opens one connection: discovery is a keep-alive request on it, and the WebSocket
 * upgrade the next request on the same connection when the {@code signalingUrl} names the same
 * host and port (a single node); otherwise the guest connects to the node named.
 *
 * <p>Netty rather than Jetty's clients, which this side used until the ninth session: their
 * per-request and per-frame machinery (listeners, callbacks, method handles, a hand-off to
 * another thread for each event) cost this side about as much CPU per join as the server's
 * whole join, on the same two cores; docs/performance.md.
 */
public final class LeanGuests implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A snapshot of a meeting of 1,000 with its recent chat is well above a few KiB. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** A discovery answer is under 2 KiB. */
    private static final int MAX_HTTP_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final long REPLY_TIMEOUT_SECONDS = 60;

    /**
     * Netty's native epoll transport where it loads (Linux on x86-64), else Java's NIO: on this
     * side of a join storm it took 7% less CPU per join (docs/performance.md, item 43).
     */
    private static final boolean EPOLL = Epoll.isAvailable();

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
            Math.min(8, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("bench-lean", true), EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final Bootstrap bootstrap = bootstrap(loops);
    /** Where connections to a {@code host:port} go and come from, resolved once (a storm's guests share one or two). */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private record Route(InetSocketAddress server, SourceAddresses sources) {
        static Route to(String host, int port) {
            InetSocketAddress server = new InetSocketAddress(host, port);
            // An unresolved name stays so (no address, no sources): connecting fails with the reason, for that guest.
            return new Route(server, SourceAddresses.toward(server.getAddress()));
        }
    }

    private static Bootstrap bootstrap(EventLoopGroup loops) {
        Bootstrap b = new Bootstrap().group(loops)
                .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS);
        if (EPOLL) {
            // Bound to a source address, a socket gets its port at connect(), not at bind(): a port
            // then serves one connection per destination instead of being the socket's alone.
            b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return b;
    }

    /** How many local addresses guests connect to {@code host} from ({@link SourceAddresses}); 0: the system's choice. */
    static int sourceAddresses(String host) {
        try {
            return SourceAddresses.toward(InetAddress.getByName(host)).count();
        } catch (UnknownHostException e) {
            return 0;
        }
    }

    /** The socket transport of the lean guests: {@code "epoll"} or {@code "nio"}. */
    static String transport() {
        return EPOLL ? "epoll" : "nio";
    }

    /** What a fan-out receiver does with what arrives after the roster; runs on the client's threads. */
    interface TextSink {
        /** A {@code chat} event (this guest's own lines included) with its {@code text}. */
        void chat(String text, long nowNanos);

        /** An {@code error} frame, such as a refused chat line. */
        void error(String code);
    }

    /** Joins; completes with the guest once its {@code snapshot} (the roster) arrived. */
    CompletableFuture<Guest> join(Tickets.Ticket t) {
        return join(t, null);
    }

    /** Joins, then hands chat and errors to {@code sink} (null: ignore them). */
    CompletableFuture<Guest> join(Tickets.Ticket t, TextSink sink) {
        Guest g = new Guest(t, sink);
        g.startedAt = System.nanoTime();
        connect(g, g.discover);
        return g.inMeeting;
    }

    /** Opens a connection for {@code g} to the host of {@code uri}; the guest takes it from there. */
    private void connect(Guest g, URI uri) {
        g.client = this;
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (g.issuedAt == 0) {
                    g.issuedAt = System.nanoTime();
                }
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HTTP_BYTES), g);
            }
        });
        Route route = routes.computeIfAbsent(uri.getHost() + ":" + port(uri), k -> Route.to(uri.getHost(), port(uri)));
        b.connect(route.server(), route.sources().next()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                g.failed(new IOException("cannot connect to " + uri.getHost() + ":" + port(uri) + ": " + f.cause(),
                        f.cause()));
            }
        });
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * One guest on its connection: asks discovery, upgrades, sends {@code join}, completes on
     * {@code snapshot}. It reads only the first bytes of each message (the {@code type}, which
     * the server writes first): a message nobody looks at — in a join storm, the {@code
     * participant.joined} of everyone who comes after — is never decoded, nor a batch of them.
     * Sharable only in that it may move to a second connection, to another node, after discovery;
     * it is one guest's.
     */
    @ChannelHandler.Sharable
    static final class Guest extends ChannelInboundHandlerAdapter {
        private static final byte[] SNAPSHOT = ascii("{\"type\":\"snapshot\"");
        private static final byte[] CHAT = ascii("{\"type\":\"chat\",");
        private static final byte[] ERROR = ascii("{\"type\":\"error\"");
        private static final byte[] TEXT_KEY = ascii("\"text\":\"");
        private static final byte[] BATCH_HEAD = ascii("{\"type\":\"batch\",\"events\":[");
        /** The two bytes that close a batch's list and object. */
        private static final int BATCH_TAIL_BYTES = 2;
        private static final byte[] EVENT_HEAD = ascii("{\"type\":\"");

        private enum Stage { DISCOVERING, UPGRADING, OPEN }

        final CompletableFuture<Guest> inMeeting = new CompletableFuture<>();
        /** Completes with the close code the server sent (-1: none, the connection just went). */
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        /** {@link System#nanoTime()} when the roster arrived. */
        volatile long inMeetingAt;
        /**
         * When the join started, its first connection's channel was on its event loop (the connect
         * next), the connection was up, the discovery answer and the upgrade's were read.
         */
        private volatile long startedAt;
        private volatile long issuedAt;
        private volatile long connectedAt;
        private volatile long discoveredAt;
        private volatile long upgradedAt;
        private final Tickets.Ticket ticket;
        /** The ticket's discovery address, parsed once. */
        private final URI discover;
        private final TextSink sink;
        private LeanGuests client;
        /** Set once the connection is up; writes from any thread go through it, in order. */
        private volatile Channel channel;
        /** The discovery connection, once left for another node's. */
        private Channel discoveryChannel;
        private volatile Stage stage = Stage.DISCOVERING;
        private WebSocketClientHandshaker handshaker;
        private int closeCode = -1;
        private int sent;
        /** A text message arriving in several frames (a batch whose parts the server held; the event loop only). */
        private ByteBuf fragments;

        Guest(Tickets.Ticket ticket, TextSink sink) {
            this.ticket = ticket;
            this.discover = URI.create(ticket.discoverUri());
            this.sink = sink;
        }

        /** Sends a chat line with a fresh {@code clientMessageId}. */
        synchronized void say(String text) {
            channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"chat.send\",\"clientMessageId\":\"c" + ++sent
                    + "\",\"text\":" + quoted(text) + "}"));
        }

        /** Sends {@code leave} after anything still being sent; the server closes the connection. */
        synchronized CompletableFuture<Void> leave() {
            CompletableFuture<Void> left = new CompletableFuture<>();
            Channel ch = channel;
            if (ch == null || stage != Stage.OPEN) {
                left.complete(null);
                return left;
            }
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"leave\"}")).addListener(f -> {
                if (f.isSuccess()) {
                    left.complete(null);
                } else {
                    left.completeExceptionally(f.cause());
                }
            });
            return left;
        }

        /** Where the join's time went; complete once {@link #inMeeting} is. */
        JoinPhases phases() {
            return new JoinPhases(startedAt, issuedAt, connectedAt, discoveredAt, upgradedAt, inMeetingAt);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            if (handshaker != null) {
                upgrade(ctx); // a connection of its own to another node
                return;
            }
            connectedAt = System.nanoTime();
            FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery(discover),
                    Unpooled.EMPTY_BUFFER);
            get.headers().set(HttpHeaderNames.HOST, discover.getRawAuthority())
                    .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + ticket.token())
                    .set(HttpHeaderNames.ACCEPT, "application/json");
            ctx.writeAndFlush(get);
            ctx.executor().schedule(() -> {
                if (stage != Stage.OPEN) {
                    failed(new IOException("no answer to " + (stage == Stage.DISCOVERING ? "discovery" : "the upgrade")
                            + " within " + REPLY_TIMEOUT_SECONDS + " s"));
                }
            }, REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof FullHttpResponse response) {
                    answered(ctx, response);
                } else if (msg instanceof WebSocketFrame frame) {
                    frame(ctx, frame);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void answered(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (stage == Stage.UPGRADING) {
                upgradedAt = System.nanoTime();
                handshaker.finishHandshake(ctx.channel(), response); // throws if refused: exceptionCaught
                stage = Stage.OPEN;
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"join\",\"v\":1,\"token\":" + quoted(ticket.token())
                        + ",\"displayName\":" + quoted(ticket.name()) + ",\"batch\":true}"));
                return;
            }
            discoveredAt = System.nanoTime();
            String body = response.content().toString(StandardCharsets.UTF_8);
            if (response.status().code() != 200) {
                failed(new IllegalStateException("discovery answered " + response.status().code() + ": " + body));
                return;
            }
            URI signaling;
            try {
                signaling = URI.create(Objects.requireNonNull(field(body, "signalingUrl"), "no signalingUrl"));
            } catch (RuntimeException e) {
                failed(new IllegalStateException("cannot read the discovery answer: " + e, e));
                return;
            }
            handshaker = WebSocketClientHandshakerFactory.newHandshaker(signaling, WebSocketVersion.V13, null, false,
                    EmptyHttpHeaders.INSTANCE, MAX_FRAME_BYTES, true, false, 10_000, false, false);
            if (signaling.getHost().equals(discover.getHost()) && port(signaling) == port(discover)) {
                upgrade(ctx);
            } else {
                discoveryChannel = ctx.channel();
                channel = null;
                discoveryChannel.close();
                client.connect(this, signaling);
            }
        }

        private void upgrade(ChannelHandlerContext ctx) {
            stage = Stage.UPGRADING;
            handshaker.handshake(ctx.channel());
        }

        private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                inMeeting.completeExceptionally(new IllegalStateException("closed " + closeCode + " "
                        + close.reasonText()));
                ctx.writeAndFlush(new CloseWebSocketFrame(closeCode == -1 ? 1000 : closeCode, null))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (frame instanceof TextWebSocketFrame
                    || (frame instanceof ContinuationWebSocketFrame && fragments != null)) {
                take(frame.content(), frame.isFinalFragment());
            }
        }

        /** A text frame's payload: a whole message, or a piece of one. */
        void take(ByteBuf payload, boolean fin) {
            if (fragments == null && inMeeting.isDone() && sink == null) {
                return; // in the meeting, not listening: nothing more is read (a message's later frames neither)
            }
            if (!fin || fragments != null) {
                if (fragments == null) {
                    // One array, as client libraries put a message's frames together (in a
                    // composite of the frames' own buffers, each byte scanned is a component lookup).
                    fragments = Unpooled.buffer(Math.max(payload.readableBytes() * 4, 1024));
                }
                fragments.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
                if (!fin) {
                    return;
                }
                try {
                    received(fragments);
                } finally {
                    fragments.release();
                    fragments = null;
                }
                return;
            }
            received(payload);
        }

        private void received(ByteBuf payload) {
            if (inMeeting.isDone() && sink == null) {
                return;
            }
            if (!startsWith(payload, BATCH_HEAD)) {
                message(payload);
                return;
            }
            // Several messages in one frame, each starting with {"type":" (a pattern no JSON string
            // holds unescaped; these guests relay no signal data, the only nested objects that
            // could). Each is handed on as a view from its start to the batch's end: what is read
            // of a message (its type, a chat's text, an error's code) comes before the next one, so
            // a message is scanned for its end only when there is a next to look at.
            // Once in the meeting, a guest that does not listen stops: the scan for the next
            // message would otherwise run through the whole snapshot (~16 KB in a meeting of 100
            // filling up), whose participants' objects start with '{' too.
            int end = payload.writerIndex() - BATCH_TAIL_BYTES;
            int at = payload.readerIndex() + BATCH_HEAD.length;
            while (at >= 0 && at < end) {
                message(payload.slice(at, end - at));
                if (inMeeting.isDone() && sink == null) {
                    return;
                }
                at = indexOf(payload, EVENT_HEAD, at + EVENT_HEAD.length);
            }
        }

        /**
         * One server message, from its first byte (to its end, or on to a batch's end): the
         * roster's arrival, a chat line or an error. The server writes {@code type} first, so the
         * type is read from the message's first bytes alone.
         */
        private void message(ByteBuf payload) {
            if (!inMeeting.isDone()) {
                if (startsWith(payload, SNAPSHOT)) {
                    inMeetingAt = System.nanoTime();
                    inMeeting.complete(this);
                } else if (startsWith(payload, ERROR)) {
                    inMeeting.completeExceptionally(new IllegalStateException(errorOf(utf8(payload))));
                }
            } else if (startsWith(payload, CHAT)) {
                sink.chat(chatText(payload), System.nanoTime());
            } else if (startsWith(payload, ERROR)) {
                sink.error(field(utf8(payload), "code"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == discoveryChannel) {
                return; // the discovery connection, closed to go to another node
            }
            if (fragments != null) {
                fragments.release();
                fragments = null;
            }
            inMeeting.completeExceptionally(new IllegalStateException(
                    stage == Stage.OPEN ? "closed " + closeCode : "the connection closed during " + stage));
            closed.complete(closeCode);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failed(cause);
        }

        void failed(Throwable cause) {
            inMeeting.completeExceptionally(cause);
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            } else {
                closed.complete(-1);
            }
        }

        /**
         * The top-level {@code text} of a chat frame, cut out of its bytes: a fan-out receiver
         * gets hundreds of thousands a second, and decoding and parsing each whole frame was
         * half of this side's CPU. Text with escapes in it goes through the parser.
         */
        private static String chatText(ByteBuf payload) {
            int key = indexOf(payload, TEXT_KEY);
            if (key >= 0) {
                int start = key + TEXT_KEY.length;
                int end = payload.writerIndex();
                for (int i = start; i < end; i++) {
                    byte b = payload.getByte(i);
                    if (b == '\\') {
                        break;
                    }
                    if (b == '"') {
                        return payload.toString(start, i - start, StandardCharsets.UTF_8);
                    }
                }
            }
            return field(utf8(payload), "text");
        }

        /** Where {@code pattern} starts in {@code payload} (an absolute index), or -1. */
        private static int indexOf(ByteBuf payload, byte[] pattern) {
            return indexOf(payload, pattern, payload.readerIndex());
        }

        /**
         * Where {@code pattern} starts in {@code payload} at or after {@code from} (absolute
         * indexes), or -1. Candidates are found with Netty's search for the first byte.
         */
        private static int indexOf(ByteBuf payload, byte[] pattern, int from) {
            int last = payload.writerIndex() - pattern.length;
            int i = from;
            while (i <= last) {
                i = payload.indexOf(i, last + 1, pattern[0]);
                if (i < 0) {
                    return -1;
                }
                if (matchesAt(payload, pattern, i)) {
                    return i;
                }
                i++;
            }
            return -1;
        }

        private static boolean matchesAt(ByteBuf payload, byte[] pattern, int at) {
            for (int j = 1; j < pattern.length; j++) {
                if (payload.getByte(at + j) != pattern[j]) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }

        private static boolean startsWith(ByteBuf payload, byte[] prefix) {
            return payload.readableBytes() >= prefix.length && payload.getByte(payload.readerIndex()) == prefix[0]
                    && matchesAt(payload, prefix, payload.readerIndex());
        }

        /** {@code value} as a JSON string, quotes included. */
        static String quoted(String value) {
            return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
        }

        private static String utf8(ByteBuf payload) {
            return payload.toString(StandardCharsets.UTF_8);
        }

        /** A top-level string field, read with the streaming parser (no tree); null if absent or unreadable. */
        private static String field(String frame, String name) {
            try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(frame)) {
                parser.nextToken();
                while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals(name)) {
                        return parser.getValueAsString();
                    }
                    parser.skipChildren();
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }

        private static String errorOf(String frame) {
            try {
                JsonNode n = JSON.readTree(frame);
                return n.path("code").asText() + ": " + n.path("message").asText();
            } catch (IOException e) {
                return frame;
            }
        }

        private static String pathAndQuery(URI uri) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }
}
