package io.happy3.domain.customer;

import io.happy3.domain.issue.IssueEventType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines a nudge adds about the customer as a person: the result they are after (asked for when the issue
 * opens, asked against when a fix is claimed, re-checked at the follow-up) and the latest notes agents keep on
 * them. Plain text; pure.
 */
public final class CustomerRecall {
    /** The question the first-response nudge suggests when no result is known yet. */
    public static final String ASK = "What would 'working' look like for you — and by when do you need it?";
    /** The end of the line that offers a customer's own sentence as their result. */
    static final String OFFER = "is that the result they need? Record it with /happy3 result.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final int NOTES_SHOWN = 2;

    private CustomerRecall() {
    }

    /** The extra lines for a nudge of a step triggered by {@code trigger}, about {@code customer}. */
    public static List<String> lines(IssueEventType trigger, String customer, Optional<DesiredResult> result,
                                     List<CustomerNote> notes) {
        List<String> lines = new ArrayList<>();
        Optional<DesiredResult> recorded = result.filter(DesiredResult::recorded);
        switch (trigger) {
            case ISSUE_OPENED -> lines.add(result.filter(found -> !found.recorded())
                    .map(suggested -> customer + " wrote: \"" + suggested.text() + "\" — " + OFFER)
                    .orElse(recorded.isPresent() ? "" : "Ask for the result they need: \"" + ASK + "\""));
            case RESOLUTION_PROPOSED -> recorded.ifPresent(found -> lines.add(customer + " needs " + phrase(found)
                    + ". Has " + customer + " confirmed *that* works?"));
            case CUSTOMER_CONFIRMED -> recorded.ifPresent(found -> lines.add("Does the result still hold: "
                    + phrase(found) + "?"));
            default -> {
            }
        }
        if (!notes.isEmpty()) {
            lines.add("Last time: " + String.join("; ", notes.stream().limit(NOTES_SHOWN)
                    .map(CustomerNote::text).toList()));
        }
        lines.removeIf(String::isEmpty);
        return List.copyOf(lines);
    }

    /** True when a rendered nudge asks for the customer's result (so a platform can offer a one-step form). */
    public static boolean asksForResult(String nudgeText) {
        return nudgeText.contains(ASK) || nudgeText.contains(OFFER);
    }

    /** The result as a phrase: its text, and its date when one was given. */
    public static String phrase(DesiredResult result) {
        String text = result.text().replaceAll("[.!]+$", "");
        return text + result.by().map(CustomerRecall::day).map(day -> " (by " + day + ")").orElse("");
    }

    private static String day(LocalDate date) {
        return DAY.format(date);
    }
}
