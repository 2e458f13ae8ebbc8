package dev.tollgate.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writing to the data dir failed, so the change was not made durable and is not acknowledged. */
public class StoreWriteException extends UncheckedIOException {

    public StoreWriteException(String message, IOException cause) {
        super(message, cause);
    }
}
