package io.happy3.adapter.storage;

/**
 * The database could not be reached (no connection within the pool's timeout, connection lost).
 * Callers answer 503 or retry later; the pool reconnects by itself when the database returns.
 */
public final class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
