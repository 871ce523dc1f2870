package io.happy3.domain.playbook;

import java.util.Locale;
import java.util.Optional;

/** A one-click answer a nudge offers; its effect on the issue is applied by the core. */
public enum NudgeAction {
    ON_IT("On it"),
    CUSTOMER_CONFIRMED("Customer confirmed"),
    ASKED_NOW("Asked now"),
    NOT_RESOLVED("Not resolved"),
    SNOOZE("Snooze"),
    FOLLOWED_UP("Followed up"),
    SKIP("Skip"),
    DISMISS("Dismiss");

    private final String label;

    NudgeAction(String label) {
        this.label = label;
    }

    /** The button text. */
    public String label() {
        return label;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NudgeAction> fromWireName(String name) {
        for (NudgeAction action : values()) {
            if (action.wireName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
