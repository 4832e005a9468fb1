package dev.foyer.server.discovery;

import java.util.List;

/** One entry of WebRTC's {@code iceServers}: STUN without credentials, TURN with them. */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
    }
}
