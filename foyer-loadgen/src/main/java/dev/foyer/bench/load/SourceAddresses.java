package dev.foyer.bench.load;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local addresses the lean guests connect from. Guests of a real meeting come from many
 * addresses; all of a bench's from one would share its ~28,000 ephemeral ports, and Linux looks
 * for a free one in connect() by walking the range (first its even half): past ~14,000
 * connections from 127.0.0.1 each connect() walked thousands of taken ports, on the event loop
 * that all guests share, and every guest's steps slowed with it (a 16,000-guest storm's last
 * seconds; docs/performance.md, "The sixteenth session"). To a loopback server (an IPv4 127/8
 * address) the guests therefore connect from {@link #COUNT} loopback addresses in turn, each with
 * its own range of ports; to any other server, from whatever address the system picks.
 */
final class SourceAddresses {
    /** Loopback addresses guests connect from: 127.0.0.1 to 127.0.0.16. */
    static final int COUNT = 16;

    private final InetSocketAddress[] addresses;
    private final AtomicInteger next = new AtomicInteger();

    private SourceAddresses(InetSocketAddress[] addresses) {
        this.addresses = addresses;
    }

    /** For connections to {@code destination}: several loopback addresses if it is one, else none (null too). */
    static SourceAddresses toward(InetAddress destination) {
        if (!(destination instanceof Inet4Address) || !destination.isLoopbackAddress()) {
            return new SourceAddresses(new InetSocketAddress[0]);
        }
        InetSocketAddress[] addresses = new InetSocketAddress[COUNT];
        for (int i = 0; i < COUNT; i++) {
            try {
                // Port 0: the kernel picks it at connect(), for the whole 4-tuple (IP_BIND_ADDRESS_NO_PORT).
                addresses[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)}), 0);
            } catch (UnknownHostException e) {
                throw new AssertionError("four bytes are an IPv4 address", e);
            }
        }
        return new SourceAddresses(addresses);
    }

    /** The address for the next connection, in turn; null to let the system pick. */
    InetSocketAddress next() {
        return addresses.length == 0 ? null : addresses[Math.floorMod(next.getAndIncrement(), addresses.length)];
    }

    /** How many addresses connections come from (0: the system's choice). */
    int count() {
        return addresses.length;
    }
}
