package dev.foyer.platform;

/**
 * The base of everything {@link FoyerPlatformClient} throws: {@link FoyerApiException} when the
 * server answered with an error, {@link FoyerTransportException} when no usable answer came.
 *
 * <p>Unchecked: a back-end usually lets these reach its own error handler, and catches {@link
 * FoyerApiException} where a {@linkplain FoyerApiException#code() code} has a meaning for it.
 */
public abstract class FoyerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FoyerException(String message, Throwable cause) {
        super(message, cause);
    }
}
