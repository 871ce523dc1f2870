package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

/**
 * The id of a playbook step ({@code first-response}), unique within its playbook. Free of '/', which separates the
 * parts of a nudge's key. Its text form is the id itself.
 */
public record StepId(String value) {
    public StepId {
        requireNonNull(value, "value == null");
        if (value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException("step id must be non-blank and free of '/': " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
