package io.happy3.adapter.storage;

/** A database operation failed for a reason other than the database being unreachable. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
