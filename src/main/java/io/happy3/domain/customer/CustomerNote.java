package io.happy3.domain.customer;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.time.Instant;

/**
 * A short note an agent keeps on a customer ("migrating to SSO in Q1"). Deliberate, explicit text typed as a
 * note, never copied from messages. {@code tenant} is the workspace or Teams tenant whose agents and leads may
 * see it (a Slack Connect customer belongs to another organisation, but the note belongs to ours).
 * Immutable; {@link #edited} returns the changed note.
 */
public record CustomerNote(String id, String tenant, UserRef customer, UserRef author, String text,
                           Instant createdAt, Instant updatedAt) {
    /** Longest note text accepted: a note is a line, not a document. */
    public static final int MAX_LENGTH = 500;

    public CustomerNote {
        requireNonNull(id, "id == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(customer, "customer == null");
        requireNonNull(author, "author == null");
        requireNonNull(text, "text == null");
        requireNonNull(createdAt, "createdAt == null");
        requireNonNull(updatedAt, "updatedAt == null");
        text = text.strip();
        problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code text} cannot be a note, if it cannot. */
    public static java.util.Optional<String> problem(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return java.util.Optional.of("A note needs some text.");
        }
        if (stripped.length() > MAX_LENGTH) {
            return java.util.Optional.of("A note is at most " + MAX_LENGTH + " characters; this one has "
                    + stripped.length() + ".");
        }
        return java.util.Optional.empty();
    }

    /** This note with new text, written by {@code editor} at {@code at}. */
    public CustomerNote edited(String newText, UserRef editor, Instant at) {
        return new CustomerNote(id, tenant, customer, editor, newText, createdAt, at);
    }
}
