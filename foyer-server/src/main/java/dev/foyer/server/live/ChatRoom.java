package dev.foyer.server.live;

import dev.foyer.protocol.Protocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The meeting's recent chat (sent to late joiners) and the memory of client message ids that
 * makes sending idempotent: a line resent after a reconnect is acknowledged, not repeated.
 */
final class ChatRoom {
    private static final int REMEMBERED_IDS = 10_000;

    private final int recentLimit;
    private final ArrayDeque<ChatRecord> recent = new ArrayDeque<>();
    private final Map<String, ChatRecord> byClientId = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatRecord> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    ChatRoom(int recentLimit, List<ChatRecord> initial) {
        this.recentLimit = recentLimit;
        initial.forEach(this::add);
    }

    void add(ChatRecord line) {
        recent.addLast(line);
        if (recent.size() > recentLimit) {
            recent.removeFirst();
        }
        byClientId.put(key(line.senderId(), line.clientMessageId()), line);
    }

    void remove(ChatRecord line) {
        recent.remove(line);
        byClientId.remove(key(line.senderId(), line.clientMessageId()));
    }

    Optional<ChatRecord> find(String senderId, String clientMessageId) {
        return Optional.ofNullable(byClientId.get(key(senderId, clientMessageId)));
    }

    List<ChatRecord> recent() {
        return new ArrayList<>(recent);
    }

    /** The text if it is a valid chat line (1–4000 characters, not blank, no control characters but line breaks and tabs), else null. */
    static String validText(String text) {
        if (text == null || text.isBlank() || text.length() > Protocol.MAX_CHAT_CHARS) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return text;
    }

    private static String key(String senderId, String clientMessageId) {
        return senderId + '\u0000' + clientMessageId;
    }
}
