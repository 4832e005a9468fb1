package dev.foyer.server.token;

/** Foyer's private JWT claim names, shared by {@link TokenIssuer} and {@link TokenVerifier}. */
final class ClaimNames {
    /** The {@link TokenKind#claimValue()}. */
    static final String KIND = "knd";
    /** The meeting a join token is bound to. */
    static final String MEETING = "mid";
    static final String APP = "app";
    static final String APPLICATION_SESSION = "asid";
    static final String NAME = "name";
    static final String ROLE = "role";
    static final String ORIGINS = "origins";

    private ClaimNames() {}
}
