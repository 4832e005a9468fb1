package dev.foyer.server.live.runtime;

import dev.foyer.server.live.Outbound;

/** Turns a message into its wire frame. Called once per message, whatever the number of recipients. */
@FunctionalInterface
public interface Encoder {
    String encode(Outbound message);
}
