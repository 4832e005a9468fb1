package dev.foyer.examples.contoso;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's user directory: accounts with bcrypt-hashed passwords, held in memory (a real app
 * keeps them in its database). {@link #demo()} seeds the accounts {@code foyer demo} prints.
 */
public final class Accounts {
    /** A demo sign-in, printed by {@code foyer demo}; the app keeps only its hash. */
    public record DemoLogin(String username, String password, String displayName, Account.Role role) {}

    /** The seeded accounts: two visitors and one advisor. */
    public static final List<DemoLogin> DEMO_LOGINS = List.of(
            new DemoLogin("vera", "vera-visits", "Vera Visitor", Account.Role.VISITOR),
            new DemoLogin("walt", "walt-visits", "Walt Visitor", Account.Role.VISITOR),
            new DemoLogin("ada", "ada-advises", "Ada Advisor", Account.Role.ADVISOR));

    private static final int COST = 10;
    /** Checked when the username is unknown, so that a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = hash("not a password");

    private final Map<String, Account> byUsername = new ConcurrentHashMap<>();

    /** A directory with the {@link #DEMO_LOGINS} accounts. */
    public static Accounts demo() {
        Accounts accounts = new Accounts();
        for (DemoLogin d : DEMO_LOGINS) {
            accounts.add(d.username(), d.password(), d.displayName(), d.role());
        }
        return accounts;
    }

    /** Adds an account; the password is hashed at once and not kept. */
    public Account add(String username, String password, String displayName, Account.Role role) {
        Account account = new Account(username.toLowerCase(Locale.ROOT), displayName, role, hash(password));
        if (byUsername.putIfAbsent(account.username(), account) != null) {
            throw new IllegalArgumentException("username taken: " + username);
        }
        return account;
    }

    /** The account whose password this is, or empty for a wrong username or password (same time either way). */
    public Optional<Account> authenticate(String username, String password) {
        if (username == null || password == null || password.length() > 72) {
            return Optional.empty(); // bcrypt reads at most 72 bytes
        }
        Account account = byUsername.get(username.trim().toLowerCase(Locale.ROOT));
        boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (account == null ? DUMMY_HASH : account.passwordHash()).getBytes(StandardCharsets.UTF_8)).verified;
        return ok && account != null ? Optional.of(account) : Optional.empty();
    }

    /** The account of {@code username}, if any. */
    public Optional<Account> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    private static String hash(String password) {
        return new String(BCrypt.withDefaults().hash(COST, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }
}
