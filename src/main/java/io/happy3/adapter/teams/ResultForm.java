package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.customer.DesiredResult;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The desired-result form on a nudge card, Teams' counterpart of Slack's "Record result" modal: an
 * {@code Input.Text} for the result the customer needs and an optional {@code Input.Date}, sent with an
 * {@code Action.Execute} ({@value #VERB}) whose data carries both inputs. A refused submission comes back as the
 * same card with the error under the form and the typed text kept; a recorded one replaces the form by the
 * answer. Stateless.
 */
final class ResultForm {
    static final String VERB = "record_result";
    static final String TEXT = "result_text";
    static final String BY = "result_by";
    private static final java.util.regex.Pattern OFFERED = java.util.regex.Pattern.compile(
            " wrote: \"(.+)\" — is that the result they need\\?");

    /** What the form shows: the draft typed so far, the error of the last submission, or the recorded answer. */
    record State(Optional<String> draft, Optional<String> draftBy, Optional<String> error, Optional<String> recorded) {
        static final State EMPTY = new State(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        static State refused(String text, String by, String error) {
            return new State(nonBlank(text), nonBlank(by), Optional.of(error), Optional.empty());
        }

        static State recorded(String answer) {
            return new State(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(answer));
        }

        void writeTo(ObjectNode node) {
            draft.ifPresent(value -> node.put("draft", value));
            draftBy.ifPresent(value -> node.put("draftBy", value));
            error.ifPresent(value -> node.put("error", value));
            recorded.ifPresent(value -> node.put("recorded", value));
        }

        static State readFrom(JsonNode node) {
            return new State(TeamsActivities.text(node.path("draft")), TeamsActivities.text(node.path("draftBy")),
                    TeamsActivities.text(node.path("error")), TeamsActivities.text(node.path("recorded")));
        }
    }

    private ResultForm() {
    }

    /** Adds the form (or the recorded answer) for {@code entry} to a card's items. */
    static void addTo(ArrayNode items, NudgeCards.Entry entry) {
        State state = entry.form();
        if (state.recorded().isPresent()) {
            items.addObject().put("type", "TextBlock").put("text", "✔ " + ChoiceCards.markdown(state.recorded().get()))
                    .put("color", "Good").put("wrap", true);
            return;
        }
        ObjectNode form = items.addObject().put("type", "Container").put("style", "emphasis")
                .put("id", "result-" + entry.nudgeId());
        ArrayNode fields = form.putArray("items");
        ObjectNode text = fields.addObject().put("type", "Input.Text").put("id", TEXT)
                .put("label", "What result do they need?").put("placeholder", "the nightly export in finance by 8:00")
                .put("maxLength", DesiredResult.MAX_LENGTH).put("isMultiline", false).put("isRequired", true)
                .put("errorMessage", "Write the result the customer needs, in their words.");
        state.draft().or(() -> suggestion(entry.text())).ifPresent(value -> text.put("value", value));
        ObjectNode date = fields.addObject().put("type", "Input.Date").put("id", BY).put("label", "By when (optional)");
        state.draftBy().ifPresent(value -> date.put("value", value));
        state.error().ifPresent(error -> fields.addObject().put("type", "TextBlock").put("text", error)
                .put("color", "Attention").put("wrap", true).put("id", "result-error-" + entry.nudgeId()));
        ObjectNode button = fields.addObject().put("type", "ActionSet").putArray("actions").addObject()
                .put("type", "Action.Execute").put("title", "Record result").put("verb", VERB)
                .put("associatedInputs", "auto");
        button.putObject("data").put("nudge", entry.nudgeId()).put("action", VERB);
    }

    /** Why a submission of {@code text} and {@code by} is refused, the way Slack's modal refuses it; empty if fine. */
    static Optional<String> error(String text, String by, LocalDate today) {
        if (text.isBlank()) {
            return Optional.of("Write the result the customer needs, in their words. Ask them: \""
                    + CustomerRecall.ASK + "\"");
        }
        if (text.strip().length() > DesiredResult.MAX_LENGTH) {
            return Optional.of("At most " + DesiredResult.MAX_LENGTH + " characters. Nothing was saved.");
        }
        if (by.isBlank()) {
            return Optional.empty();
        }
        try {
            // A day's slack for zones ahead of UTC: "today" there may still be yesterday here.
            return LocalDate.parse(by.strip()).isBefore(today.minusDays(1))
                    ? Optional.of("That date has passed: pick the day they need it by, or leave it empty.")
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("`" + by + "` is not a date; pick one from the calendar.");
        }
    }

    /**
     * The customer's own sentence the nudge offers as their result ({@code Casey wrote: "…" — is that the result
     * they need?}), so the form starts with it and one press records it.
     */
    static Optional<String> suggestion(String nudgeText) {
        java.util.regex.Matcher offered = OFFERED.matcher(nudgeText);
        return offered.find() ? nonBlank(offered.group(1)) : Optional.empty();
    }

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).map(String::strip).filter(value -> !value.isEmpty());
    }
}
