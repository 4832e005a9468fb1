package dev.foyer.cli;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.Conversation;
import dev.foyer.sdk.ConversationListener;
import dev.foyer.sdk.ConversationState;
import dev.foyer.sdk.EndReason;
import dev.foyer.sdk.FoyerClient;
import dev.foyer.sdk.FoyerException;
import dev.foyer.sdk.LobbyWait;
import dev.foyer.sdk.Participant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code foyer join}: a meeting client on the terminal, built only on the SDK's public API.
 * Prints every state change, roster, lobby and chat event; reads chat lines and commands from
 * standard input.
 */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = {"Join a meeting as a guest (meeting URL, or token) or as staff (a staff token), and chat.",
            "Standard input: a line of text is sent to the chat (typed while joining or in the lobby, once you are in the meeting);"
                + " /admit NAME|all, /deny NAME, /leave.",
            "Ctrl-C or SIGTERM leaves the meeting before the process exits.",
            "Exit codes: 0 after a clean leave (/leave, --exit-after, end of the meeting); "
                + "1 when the join fails or the connection is lost for good; 3 when denied, removed or replaced."})
final class JoinCommand implements Callable<Integer> {
    static final int DENIED = 3;
    /** How long Ctrl-C or SIGTERM waits for the server to confirm the leave before the process exits. */
    private static final long LEAVE_ON_SIGNAL_MILLIS = 3_000;

    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Your display name (staff tokens carry their own).")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--meeting-url", paramLabel = "URL", required = true,
                description = "Join anonymously with a meeting URL (access level Everyone).")
        String meetingUrl;

        @ArgGroup(exclusive = false)
        TokenFlow token;
    }

    static final class TokenFlow {
        @Option(names = "--join-url", paramLabel = "URL", description = "The meeting's join URL (informational).")
        String joinUrl;
        @Option(names = "--token", paramLabel = "T", required = true, description = "A join token (guest or staff) from your back-end.")
        String token;
        @Option(names = "--discover-uri", paramLabel = "U", required = true, description = "The discovery URI that came with the token.")
        String discoverUri;
    }

    @Option(names = "--json", description = "Print one JSON object per line for every event.")
    boolean json;

    @Option(names = "--say", paramLabel = "TEXT", description = "Send TEXT once in the meeting (repeatable).")
    List<String> say = new ArrayList<>();

    @Option(names = "--admit-all", description = "Admit everyone who waits in the lobby (presenters).")
    boolean admitAll;

    @Option(names = "--exit-after", paramLabel = "SECONDS", description = "Leave after SECONDS.")
    Double exitAfter;

    private final InputStream stdin;

    JoinCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    JoinCommand() {
        this(System.in);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        JoinEvents events = new JoinEvents(out, json);
        CountDownLatch ended = new CountDownLatch(1);
        EndReason[] end = new EndReason[1];
        FoyerClient foyer = new FoyerClient.Builder().build();
        Held held = new Held(say);
        ConversationListener listener = new Listener(events, ended, end, held);
        Conversation c = target.meetingUrl != null
                ? foyer.joinMeetingAnonymously(name, target.meetingUrl, listener)
                : foyer.joinMeeting(name, target.token.joinUrl, target.token.token, target.token.discoverUri, listener);
        Thread input = new Thread(() -> readCommands(c, events, held), "foyer-join-stdin");
        input.setDaemon(true);
        input.start();
        // Ctrl-C or SIGTERM: leave, so that the others see us go now rather than when the server's
        // resume grace for a dropped connection runs out.
        Thread leaveOnSignal = new Thread(() -> leave(c, ended), "foyer-join-leave");
        Runtime.getRuntime().addShutdownHook(leaveOnSignal);
        try {
            if (exitAfter != null) {
                if (!ended.await((long) (exitAfter * 1000), TimeUnit.MILLISECONDS)) {
                    c.leave();
                }
            }
            ended.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(leaveOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is leaving; the JVM exits once it has.
            }
            foyer.close();
        }
        return exitCode(end[0]);
    }

    private static void leave(Conversation c, CountDownLatch ended) {
        if (ended.getCount() == 0) {
            return;
        }
        c.leave();
        try {
            ended.await(LEAVE_ON_SIGNAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int exitCode(EndReason end) {
        switch (end.kind()) {
            case LEFT:
            case MEETING_ENDED:
                return 0;
            case FAILED:
                spec.commandLine().getErr().println("foyer: " + end.message());
                return 1;
            default:
                spec.commandLine().getErr().println("foyer: " + end.kind().name().toLowerCase(Locale.ROOT) + ": " + end.message());
                return DENIED;
        }
    }

    /** Reads standard input: chat lines and slash commands. End of input changes nothing. */
    private void readCommands(Conversation c, JoinEvents events, Held held) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && c.state() != ConversationState.ENDED) {
                command(c, events, held, line.strip());
            }
        } catch (IOException e) {
            // stdin closed: nothing more to read
        }
    }

    private void command(Conversation c, JoinEvents events, Held held, String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.equals("/leave")) {
            c.leave();
        } else if (line.equals("/admit all")) {
            c.lobby().admitAll();
        } else if (line.startsWith("/admit ") || line.startsWith("/deny ")) {
            boolean admit = line.startsWith("/admit ");
            String who = line.substring(line.indexOf(' ') + 1).strip();
            Participant p = waiting(c, who);
            if (p == null) {
                events.notice("nobody named " + who + " is waiting in the lobby");
            } else if (admit) {
                c.lobby().admit(p);
            } else {
                c.lobby().deny(p, null);
            }
        } else if (line.startsWith("/")) {
            events.notice("unknown command " + line.split(" ")[0] + " (use /admit NAME|all, /deny NAME, /leave)");
        } else if (held.hold(line)) {
            events.notice("\"" + line + "\" will be sent once you are in the meeting");
        } else {
            try {
                c.chat().send(line);
            } catch (IllegalArgumentException e) {
                events.notice(e.getMessage());
            }
        }
    }

    private static Participant waiting(Conversation c, String who) {
        for (Participant p : c.lobby().waiting()) {
            if (p.id().equals(who) || p.displayName().equalsIgnoreCase(who)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Chat lines to send once the meeting is established: the {@code --say} lines, then what was
     * typed while joining or waiting in the lobby, where the server takes no chat. Released once;
     * after that, lines go out as they are typed.
     */
    private static final class Held {
        private List<String> lines;

        Held(List<String> say) {
            this.lines = new ArrayList<>(say);
        }

        /** Keeps {@code line} for later; false once released (send it now). */
        synchronized boolean hold(String line) {
            if (lines == null) {
                return false;
            }
            lines.add(line);
            return true;
        }

        /** The lines held so far, once; empty ever after. */
        synchronized List<String> release() {
            List<String> held = lines == null ? List.of() : lines;
            lines = null;
            return held;
        }
    }

    /** Prints every event, says the held lines once in the meeting, admits everyone with --admit-all. */
    private final class Listener extends ConversationListener {
        private final JoinEvents events;
        private final CountDownLatch ended;
        private final EndReason[] end;
        private final Held held;

        Listener(JoinEvents events, CountDownLatch ended, EndReason[] end, Held held) {
            this.events = events;
            this.ended = ended;
            this.end = end;
            this.held = held;
        }

        @Override
        public void onStateChanged(Conversation c, ConversationState previous, ConversationState state) {
            events.state(c, previous, state);
            if (state == ConversationState.ESTABLISHED) {
                for (String text : held.release()) {
                    c.chat().send(text);
                }
            }
            if (state == ConversationState.ESTABLISHED && admitAll && !c.lobby().waiting().isEmpty()) {
                c.lobby().admitAll();
            }
        }

        @Override
        public void onLobbyWaiting(Conversation c, LobbyWait wait) {
            events.lobbyWaiting(wait);
        }

        @Override
        public void onParticipantJoined(Conversation c, Participant p) {
            events.participant("participant.joined", p, null);
        }

        @Override
        public void onParticipantUpdated(Conversation c, Participant p) {
            events.participant("participant.updated", p, null);
        }

        @Override
        public void onParticipantLeft(Conversation c, Participant p, String reason) {
            events.participant("participant.left", p, reason);
        }

        @Override
        public void onLobbyEntered(Conversation c, Participant p) {
            events.participant("lobby.entered", p, null);
            if (admitAll) {
                c.lobby().admit(p);
            }
        }

        @Override
        public void onLobbyLeft(Conversation c, Participant p, String outcome) {
            events.participant("lobby.left", p, outcome);
        }

        @Override
        public void onChatMessage(Conversation c, ChatMessage m) {
            events.chat(m);
        }

        @Override
        public void onChatMessageStateChanged(Conversation c, ChatMessage m) {
            events.chatState(m);
        }

        @Override
        public void onReconnecting(Conversation c, int attempt, long delayMillis) {
            events.reconnecting(attempt, delayMillis);
        }

        @Override
        public void onRequestFailed(Conversation c, FoyerException error) {
            events.error(error);
        }

        @Override
        public void onEnded(Conversation c, EndReason reason) {
            for (String text : held.release()) {
                events.notice("not sent, the meeting was never joined: \"" + text + "\"");
            }
            events.ended(reason);
            end[0] = reason;
            ended.countDown();
        }
    }
}
