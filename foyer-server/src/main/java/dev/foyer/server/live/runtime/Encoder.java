package dev.foyer.server.live.runtime;

import dev.foyer.server.live.Outbound;

/** Turns a message into its wire frame, UTF-8. Called once per message, whatever the number of recipients. */
@FunctionalInterface
public interface Encoder {
    byte[] encode(Outbound message);
}
