package dev.foyer.server.web;

import dev.foyer.server.error.FoyerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Parsing of browser origins ({@code scheme://host[:port]}), as RFC 6454 serializes them. */
public final class Origins {
    private static final int MAX_ORIGINS = 32;

    private Origins() {}

    /**
     * Validates and normalizes a list of origins: each must be http(s), have a host, and carry no
     * path, query, fragment or user info. Scheme and host are lower-cased; duplicates dropped.
     */
    public static List<String> parseAll(String field, List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_ORIGINS) {
            throw FoyerException.invalidField(field, "at most " + MAX_ORIGINS + " origins");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String origin : raw) {
            out.add(parse(field, origin));
        }
        return new ArrayList<>(out);
    }

    /** The seed's form: origins separated by ';' in one string. */
    public static List<String> splitSeedForm(String joined) {
        List<String> parts = new ArrayList<>();
        for (String part : joined.split(";")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    public static String parse(String field, String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 256) {
            throw FoyerException.invalidField(field, "an origin is scheme://host[:port]");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw FoyerException.invalidField(field, "not an origin: " + raw);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            throw FoyerException.invalidField(field, "not an origin (scheme://host[:port]): " + raw);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** The origin of an absolute http(s) URL, or null. */
    public static String of(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return null;
        }
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
