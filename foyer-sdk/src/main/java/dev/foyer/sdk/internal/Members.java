package dev.foyer.sdk.internal;

import dev.foyer.sdk.Participant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Participants by id, in order of arrival, with the list every callback's view publishes built
 * once per change rather than once per callback (a chat line must not copy the roster). Only
 * touched by the conversation's thread; the lists it hands out never change.
 */
final class Members {
    private final Map<String, Participant> byId = new LinkedHashMap<>();
    private List<Participant> list = Collections.emptyList();

    Participant get(String id) {
        return byId.get(id);
    }

    boolean containsKey(String id) {
        return byId.containsKey(id);
    }

    void put(String id, Participant p) {
        byId.put(id, p);
        list = null;
    }

    Participant remove(String id) {
        Participant removed = byId.remove(id);
        if (removed != null) {
            list = null;
        }
        return removed;
    }

    void clear() {
        byId.clear();
        list = Collections.emptyList();
    }

    /** An unmodifiable snapshot, shared until the next change. */
    List<Participant> list() {
        if (list == null) {
            list = Collections.unmodifiableList(new ArrayList<>(byId.values()));
        }
        return list;
    }
}
