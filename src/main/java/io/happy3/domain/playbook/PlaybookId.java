package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

/** The id of a playbook, as its YAML file names it ({@code id: default}). Its text form is the id itself. */
public record PlaybookId(String value) {
    /** The playbook a channel follows when none is named. */
    public static final PlaybookId DEFAULT = new PlaybookId("default");

    public PlaybookId {
        requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("playbook id is blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
