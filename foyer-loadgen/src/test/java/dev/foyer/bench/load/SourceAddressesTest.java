package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void towardALoopbackServerConnectionsComeFromSixteenLoopbackAddressesInTurn() throws IOException {
        SourceAddresses sources = SourceAddresses.toward(InetAddress.getByName("127.0.0.1"));

        List<String> firstRound = new ArrayList<>();
        for (int i = 0; i < SourceAddresses.COUNT; i++) {
            InetSocketAddress a = sources.next();
            assertThat(a.getPort()).as("the port is the kernel's choice at connect()").isZero();
            firstRound.add(a.getAddress().getHostAddress());
        }
        assertThat(firstRound).hasSize(16).doesNotHaveDuplicates().contains("127.0.0.1", "127.0.0.16");
        assertThat(sources.next().getAddress().getHostAddress()).isEqualTo(firstRound.get(0));
        assertThat(sources.count()).isEqualTo(16);
    }

    @Test
    void towardAnyOtherServerTheSystemPicks() throws IOException {
        for (String host : new String[] {"10.1.2.3", "::1", "192.168.0.7"}) {
            SourceAddresses sources = SourceAddresses.toward(InetAddress.getByName(host));
            assertThat(sources.next()).as(host).isNull();
            assertThat(sources.count()).as(host).isZero();
        }
        assertThat(SourceAddresses.toward(null).next()).as("a name that did not resolve").isNull();
    }

    @Test
    void leanGuestsReallyConnectFromThem() throws Exception {
        int guests = 20;
        Set<String> from = new HashSet<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                LeanGuests lean = new LeanGuests()) {
            String base = "http://127.0.0.1:" + server.getLocalPort();
            List<CompletableFuture<LeanGuests.Guest>> joins = new ArrayList<>();
            for (int i = 0; i < guests; i++) {
                joins.add(lean.join(new Tickets.Ticket("m1", base + "/meet/a/m1", "t", base + "/discover/m1", "Guest " + i)));
            }
            for (int i = 0; i < guests; i++) {
                try (Socket s = server.accept()) {
                    from.add(s.getInetAddress().getHostAddress()); // closed unanswered: that guest's join fails
                }
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(30, TimeUnit.SECONDS);
        }
        assertThat(from).hasSize(SourceAddresses.COUNT).allMatch(a -> a.startsWith("127.0.0."));
    }
}
