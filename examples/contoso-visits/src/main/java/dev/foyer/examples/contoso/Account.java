package dev.foyer.examples.contoso;

import java.util.Objects;

/**
 * A user of Contoso's own app: a visitor (a customer) or an advisor (staff). Foyer never sees
 * these accounts; it only sees the visits the app asks it for.
 *
 * @param username the sign-in name, lower case
 * @param displayName the name shown to advisors and in the meeting
 * @param role what the account may do in the app
 * @param passwordHash the bcrypt hash of the password; the password itself is never kept
 */
public record Account(String username, String displayName, Role role, String passwordHash) {

    /** Visitors ask for visits; advisors see the waiting room and let visitors in. */
    public enum Role { VISITOR, ADVISOR }

    public Account {
        Objects.requireNonNull(username, "username == null");
        Objects.requireNonNull(displayName, "displayName == null");
        Objects.requireNonNull(role, "role == null");
        Objects.requireNonNull(passwordHash, "passwordHash == null");
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + "]";
    }
}
