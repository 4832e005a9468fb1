package dev.foyer.sdk;

import java.util.List;

/**
 * Media signaling for a WebRTC engine the app brings (the SDK bundles none). The engine
 * implements {@link MediaEngine} to receive remote offers, answers and ICE candidates, and calls
 * {@link #sendSignal} to send its own; this participant's media state, shown to everyone in the
 * roster, is set with {@link #updateLocalMedia}.
 */
public interface Media {
    /** Attaches the engine that receives signaling; null detaches. Replaces any earlier engine. */
    void setEngine(MediaEngine engine);

    /** STUN and TURN servers from discovery; empty until joined, or if the server configures none. */
    List<IceServer> iceServers();

    /**
     * Sends a WebRTC signal to one participant in the meeting.
     *
     * @param participantId the addressee
     * @param kind offer, answer or ICE candidate
     * @param dataJson a JSON object (the SDP or candidate), at most 32 KiB
     * @throws IllegalArgumentException if {@code dataJson} is not a JSON object
     */
    void sendSignal(String participantId, SignalKind kind, String dataJson);

    /**
     * Publishes this participant's media state. A null argument leaves that part unchanged.
     */
    void updateLocalMedia(Boolean audioMuted, Boolean videoMuted, Boolean screenSharing);
}
