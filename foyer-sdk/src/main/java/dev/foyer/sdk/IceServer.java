package dev.foyer.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A STUN or TURN server a media engine may use, as discovery returned it. Immutable. */
public final class IceServer {
    private final List<String> urls;
    private final String username;
    private final String credential;

    /**
     * @param urls {@code stun:} or {@code turn:} URLs
     * @param username the TURN user name, or null
     * @param credential the TURN credential, or null
     */
    public IceServer(List<String> urls, String username, String credential) {
        if (urls == null) {
            throw new NullPointerException("urls == null");
        }
        this.urls = Collections.unmodifiableList(new ArrayList<>(urls));
        this.username = username;
        this.credential = credential;
    }

    /** The server's URLs. */
    public List<String> urls() {
        return urls;
    }

    /** The TURN user name; null for STUN. */
    public String username() {
        return username;
    }

    /** The TURN credential; null for STUN. Never log it. */
    public String credential() {
        return credential;
    }

    @Override
    public String toString() {
        return "IceServer{" + urls + (username == null ? "" : ", username=" + username) + "}";
    }
}
