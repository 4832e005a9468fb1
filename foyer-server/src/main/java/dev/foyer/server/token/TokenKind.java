package dev.foyer.server.token;

/**
 * The kinds of token Foyer signs. Each has its own JOSE {@code typ} and audience, so one kind
 * can never pass as another.
 */
public enum TokenKind {
    /** OAuth access token of a trusted application (Platform API). */
    ACCESS("at+jwt", "foyer:platform"),
    /** Anonymous guest join token, minted by an application or by the meeting URL. */
    GUEST("foyer-join+jwt", "foyer:meeting"),
    /** Named staff join token minted by an application ({@code userTokens}). */
    STAFF("foyer-join+jwt", "foyer:meeting"),
    /** The organizer's own join token (User API {@code joinToken}). */
    ORGANIZER("foyer-join+jwt", "foyer:meeting");

    private final String type;
    private final String audience;

    TokenKind(String type, String audience) {
        this.type = type;
        this.audience = audience;
    }

    /** The JOSE header {@code typ}. */
    public String type() {
        return type;
    }

    /** The {@code aud} claim. */
    public String audience() {
        return audience;
    }

    /** The lower-case claim value in the {@code knd} claim. */
    public String claimValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isJoinToken() {
        return this != ACCESS;
    }
}
