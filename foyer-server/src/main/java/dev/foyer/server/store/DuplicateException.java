package dev.foyer.server.store;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;

/** A unique value (an application name, a user name) is already taken. */
public final class DuplicateException extends FoyerException {
    public DuplicateException(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
