package dev.foyer.sdk;

/** The kinds of WebRTC signaling message relayed between participants. */
public enum SignalKind {
    /** An SDP offer. */
    OFFER,
    /** An SDP answer. */
    ANSWER,
    /** An ICE candidate. */
    ICE;

    /** The wire name ({@code "offer"}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
