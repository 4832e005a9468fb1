package dev.foyer.server.user;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.secret.Secrets;
import dev.foyer.server.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Creates users and checks their personal access tokens. */
public final class UserService {
    private static final String TOKEN_PREFIX = "fyu_";
    private final UserStore store;
    private final Clock clock;

    public UserService(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public NewUser create(String userName, String displayName) {
        String name = userName == null ? null : userName.trim().toLowerCase(Locale.ROOT);
        if (!User.isValidUserName(name)) {
            throw FoyerException.invalidField("userName",
                    "1 to 32 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.trim();
        if (display.length() > 64) {
            throw FoyerException.invalidField("displayName", "at most 64 characters");
        }
        String token = Secrets.newSecret(TOKEN_PREFIX);
        User user = new User(UserId.random(), name, display, Secrets.hash(token), clock.instant());
        store.insert(user);
        return new NewUser(user, token);
    }

    /** The user owning this personal access token; {@code unauthenticated} otherwise. */
    public User authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            throw new FoyerException(ErrorCode.UNAUTHENTICATED, "missing or unknown personal access token");
        }
        return store.findByTokenHash(Secrets.hash(token)).orElseThrow(
                () -> new FoyerException(ErrorCode.UNAUTHENTICATED, "missing or unknown personal access token"));
    }

    public List<User> list() {
        return store.list();
    }

    /** Revokes the user's token; the User API refuses it from now on. */
    public User revokeToken(String userName) {
        User user = require(userName);
        store.updateTokenHash(user.id(), null);
        return user;
    }

    /** Issues a new token for the user, replacing any previous one. */
    public NewUser rotateToken(String userName) {
        User user = require(userName);
        String token = Secrets.newSecret(TOKEN_PREFIX);
        store.updateTokenHash(user.id(), Secrets.hash(token));
        return new NewUser(user.withTokenHash(Secrets.hash(token)), token);
    }

    public User require(String userName) {
        return store.findByUserName(userName == null ? "" : userName.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> FoyerException.notFound("user " + userName));
    }
}
