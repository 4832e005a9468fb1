package dev.foyer.bench.load;

import dev.foyer.platform.AccessLevel;
import dev.foyer.platform.AdhocMeetingRequest;
import dev.foyer.platform.AnonymousTokenRequest;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.JoinTicket;
import dev.foyer.platform.LobbyBypass;
import dev.foyer.platform.Meeting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The business back-end's half of the guest path, over the Platform API: meetings whose lobby
 * everyone bypasses, and one anonymous join token per guest. Guests then hold a token, which is
 * where a join's timing starts.
 */
final class Tickets implements AutoCloseable {
    private static final AtomicLong SESSIONS = new AtomicLong();
    /** Concurrent Platform API calls: enough to keep the server busy without queueing on this side. */
    private static final int MINT_THREADS = 8;
    /**
     * Platform API calls under way at most for guests minted as they arrive: a back-end serves its
     * visitors' taps on a pool of request threads (Tomcat's default is 200), and a mint that waited
     * for one of a few threads here would time this side's queue rather than the server.
     */
    static final int ARRIVAL_MINT_THREADS = 64;

    private final FoyerPlatformClient platform;
    private final ExecutorService pool = threads(MINT_THREADS, "bench-mint");
    /** Made at the first guest minted on arrival. */
    private ExecutorService arrivalPool;

    Tickets(FoyerPlatformClient platform) {
        this.platform = platform;
    }

    /** A guest's ticket: what the app receives from its back-end. */
    record Ticket(String meetingId, String joinUrl, String token, String discoverUri, String name) {}

    List<Meeting> meetings(int count, String subject) {
        List<CompletableFuture<Meeting>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String s = subject + " " + (i + 1);
            created.add(CompletableFuture.supplyAsync(() -> platform.createAdhocMeeting(AdhocMeetingRequest.builder(s)
                    .accessLevel(AccessLevel.EVERYONE).lobbyBypass(LobbyBypass.EVERYONE).build()), pool));
        }
        return created.stream().map(CompletableFuture::join).toList();
    }

    /**
     * {@code perMeeting} tokens for each meeting, interleaved (meeting 1, 2, ..., 1, 2, ...) so that
     * arrivals in list order fill the meetings together. {@code minted} hears the running count.
     */
    List<Ticket> mint(List<Meeting> meetings, int perMeeting, IntConsumer minted) {
        return mint(meetings, perMeeting, meetings.size(), minted);
    }

    /**
     * As above, with at most {@code filling} meetings filling at once: arrivals in list order go
     * round the first {@code filling} meetings until they are full, then round the next ones
     * ({@link #fillingOrder}).
     */
    List<Ticket> mint(List<Meeting> meetings, int perMeeting, int filling, IntConsumer minted) {
        List<CompletableFuture<Ticket>> tickets = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        for (Meeting m : fillingOrder(meetings, perMeeting, filling)) {
            tickets.add(CompletableFuture.supplyAsync(() -> {
                Ticket t = mint(m);
                minted.accept((int) done.incrementAndGet());
                return t;
            }, pool));
        }
        return tickets.stream().map(CompletableFuture::join).toList();
    }

    /**
     * The meeting of each arrival, {@code perMeeting} arrivals per meeting: round the first {@code
     * filling} meetings (all of them when {@code filling} is 0 or more than there are), then round
     * the next {@code filling}, and so on. With all of them, every meeting changes until the last
     * arrival and each guest hears of every later one in its meeting; with a few, a meeting fills
     * within {@code perMeeting × filling} arrivals and is quiet after, as a meeting that everyone
     * joins at its start time is.
     */
    static <M> List<M> fillingOrder(List<M> meetings, int perMeeting, int filling) {
        int group = filling <= 0 ? meetings.size() : Math.min(filling, meetings.size());
        List<M> order = new ArrayList<>(meetings.size() * perMeeting);
        for (int from = 0; from < meetings.size(); from += group) {
            List<M> filled = meetings.subList(from, Math.min(from + group, meetings.size()));
            for (int i = 0; i < perMeeting; i++) {
                order.addAll(filled);
            }
        }
        return order;
    }

    /** One token for {@code meeting}, now (churn mints as it goes). */
    Ticket mint(Meeting meeting) {
        long n = SESSIONS.incrementAndGet();
        JoinTicket t = platform.createAnonymousToken(AnonymousTokenRequest.builder()
                .applicationSessionId("bench-" + n).meetingUrl(meeting.joinUrl()).build());
        return new Ticket(meeting.onlineMeetingId(), meeting.joinUrl(), t.token(), t.discoverUri(), "Guest " + n);
    }

    CompletableFuture<Ticket> mintAsync(Meeting meeting) {
        return CompletableFuture.supplyAsync(() -> mint(meeting), pool);
    }

    /** One token for {@code meeting}, for a guest arriving now: a back-end's answer to its visitor's tap. */
    synchronized CompletableFuture<Ticket> mintOnArrival(Meeting meeting) {
        if (arrivalPool == null) {
            arrivalPool = threads(ARRIVAL_MINT_THREADS, "bench-arrival-mint");
        }
        return CompletableFuture.supplyAsync(() -> mint(meeting), arrivalPool);
    }

    private static ExecutorService threads(int n, String name) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void close() {
        pool.shutdownNow();
        if (arrivalPool != null) {
            arrivalPool.shutdownNow();
        }
    }
}
