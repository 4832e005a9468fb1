package dev.foyer.platform;

/**
 * The token endpoint rejected the application's credentials (RFC 6749 {@code invalid_client},
 * HTTP 401): an unknown client id, a wrong or rotated client secret, or a deleted application.
 * Retrying does not help; fix the configuration.
 */
public final class FoyerAuthenticationException extends FoyerApiException {
    private static final long serialVersionUID = 1L;

    FoyerAuthenticationException(int status, String code, String errorMessage) {
        super(status, code, errorMessage, null);
    }
}
