package dev.foyer.server.webhook;

import dev.foyer.server.error.FoyerException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which callback URLs Foyer will POST to (a defence against server-side request forgery): absolute
 * http(s) URLs whose host is a public address. Loopback, private (site-local, unique-local),
 * link-local, shared (100.64/10), unspecified and multicast addresses are refused unless the
 * server runs with {@code webhooks-allow-private} (development, tests).
 *
 * <p>Registration can only judge literal addresses and {@code localhost}; a name is resolved again
 * right before every delivery, and every address it resolves to must pass.
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

    /**
     * Resolves the callback's host now and checks every address; throws {@link RefusedException}
     * when one is not public (and private ones are not allowed) or the name does not resolve.
     */
    public static void checkResolved(URI uri, boolean allowPrivate) throws RefusedException {
        if (allowPrivate) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(address)) {
                    throw new RefusedException("callback host " + uri.getHost() + " resolves to a non-public address "
                            + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new RefusedException("callback host " + uri.getHost() + " does not resolve");
        }
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

    /** A callback the policy refuses at delivery time. */
    public static final class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
