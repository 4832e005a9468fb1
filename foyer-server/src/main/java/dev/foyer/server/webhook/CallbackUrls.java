package dev.foyer.server.webhook;

import dev.foyer.server.error.FoyerException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.Dns;

/**
 * Which callback URLs Foyer will POST to (a defence against server-side request forgery): absolute
 * http(s) URLs whose host is a public address. Loopback, private (site-local, unique-local),
 * link-local, shared (100.64/10), unspecified and multicast addresses are refused unless the
 * server runs with {@code webhooks-allow-private} (development, tests).
 *
 * <p>Registration can only judge literal addresses and {@code localhost}; a name is resolved at
 * every delivery, for the connection itself ({@link #pinned}), and every address it resolves to
 * must pass.
 */
public final class CallbackUrls {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private CallbackUrls() {}

    /** The normalized URL, or {@code invalid_field callbackUrl}; null or blank means "none". */
    public static String validate(String raw, boolean allowPrivate) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(raw.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid("must be an absolute http(s) URL");
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            throw invalid("must not contain user info or a fragment");
        }
        if (!allowPrivate) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (host.equals("localhost") || host.endsWith(".localhost")) {
                throw invalid("loopback hosts are refused (the server allows them with webhooks-allow-private)");
            }
            InetAddress literal = literal(host);
            if (literal != null && !isPublic(literal)) {
                throw invalid("private, loopback and link-local addresses are refused "
                        + "(the server allows them with webhooks-allow-private)");
            }
        }
        return uri.toString();
    }

    /** Resolves host names; the system resolver in production, another in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * The resolver OkHttp connects through for callbacks: each host is resolved once per
     * connection, here, and only addresses that passed the check are handed back to connect to.
     * There is no second lookup between the check and the connection, so a name that answers a
     * public address to a check and a private one to the connection (DNS rebinding) cannot reach
     * a private address. Unless private ones are allowed, a host with any non-public address is
     * refused with {@link RefusedHostException}.
     */
    public static Dns pinned(boolean allowPrivate, Resolver resolver) {
        return host -> addresses(host, allowPrivate, resolver);
    }

    static List<InetAddress> addresses(String host, boolean allowPrivate, Resolver resolver)
            throws UnknownHostException {
        List<InetAddress> all = resolver.resolve(host);
        if (all.isEmpty()) {
            throw new UnknownHostException("callback host " + host + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : all) {
                if (!isPublic(address)) {
                    throw new RefusedHostException("callback host " + host + " resolves to a non-public address "
                            + address.getHostAddress());
                }
            }
        }
        return all;
    }

    /** Whether the address is on the public internet. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 && !(first == 100 && second >= 64 && second < 128) && first < 224;
    }

    private static InetAddress literal(String host) {
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        if (!v6 && !IPV4.matcher(host).matches()) {
            return null;
        }
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw invalid("not a valid IP address: " + host);
        }
    }

    private static FoyerException invalid(String problem) {
        return FoyerException.invalidField("callbackUrl", problem);
    }

    /** A callback host that resolves to an address Foyer will not call. */
    public static final class RefusedHostException extends UnknownHostException {
        public RefusedHostException(String message) {
            super(message);
        }
    }
}
