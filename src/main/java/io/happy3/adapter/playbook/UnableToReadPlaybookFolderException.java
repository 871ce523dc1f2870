package io.happy3.adapter.playbook;

/** Thrown when the playbook folder is missing, not a folder, or cannot be listed; the message names it. */
public final class UnableToReadPlaybookFolderException extends RuntimeException {
    public UnableToReadPlaybookFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
