package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Serialization;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.playbook.NudgeAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders nudges as one Adaptive Card (v1.4): each nudge's text and its actions as {@code Action.Execute}
 * buttons (verb = action, data = {nudge, action}), or its outcome once answered. A nudge that asks for the
 * customer's desired result also carries the form to record it ({@link ResultForm}). The card's content is also
 * its stored state ({@link Entry}), so answering one nudge re-renders the card with the others intact.
 */
final class NudgeCards {
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final int BUTTONS_PER_ROW = 3;
    private static final java.util.Set<NudgeAction> POSITIVE = java.util.EnumSet.of(NudgeAction.CUSTOMER_CONFIRMED,
            NudgeAction.FOLLOWED_UP, NudgeAction.ON_IT);

    /**
     * One nudge on a card: {@code thread} is the issue's {@code channel|root}; {@code outcome} is set once it was
     * answered, {@code form} holds the desired-result form's draft, error or recorded answer.
     */
    record Entry(String nudgeId, String text, List<String> actions, boolean late, Optional<String> outcome,
                 String thread, ResultForm.State form) {
        static Entry of(NudgeMessage message) {
            return new Entry(message.nudgeId().value(), message.text(),
                    message.actions().stream().map(NudgeAction::wireName).toList(), message.late(), Optional.empty(),
                    message.channel().channel() + "|" + message.thread().id(), ResultForm.State.EMPTY);
        }

        Entry withText(String newText) {
            return new Entry(nudgeId, newText, actions, late, outcome, thread, form);
        }

        Entry answered(String newText, String result) {
            return new Entry(nudgeId, newText, actions, late, Optional.of(result), thread, form);
        }

        Entry withForm(ResultForm.State newForm) {
            return new Entry(nudgeId, text, actions, late, outcome, thread, newForm);
        }

        /** Whether this nudge offers the desired-result form. */
        boolean asksForResult() {
            return CustomerRecall.asksForResult(text) && thread.contains("|");
        }
    }

    private NudgeCards() {
    }

    static ObjectNode card(List<Entry> entries) {
        ObjectNode card = Serialization.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", entries.size() == 1 ? "Happy3 nudge"
                : "Happy3: " + entries.size() + " nudges").put("weight", "Bolder").put("size", "Medium");
        for (Entry entry : entries) {
            ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
            container.put("id", "nudge-" + entry.nudgeId());
            ArrayNode items = container.putArray("items");
            // One TextBlock per line: Adaptive Card markdown joins single line breaks into one paragraph.
            entry.text().lines().filter(line -> !line.isBlank()).forEach(line -> items.addObject()
                    .put("type", "TextBlock").put("text", ChoiceCards.markdown(line)).put("wrap", true));
            if (entry.late()) {
                items.addObject().put("type", "TextBlock").put("text", "(late: this was due while I was away)")
                        .put("isSubtle", true).put("size", "Small").put("wrap", true);
            }
            if (entry.asksForResult()) {
                ResultForm.addTo(items, entry);
            }
            if (entry.outcome().isPresent()) {
                items.addObject().put("type", "TextBlock").put("text", "✔ " + entry.outcome().get())
                        .put("color", "Good").put("weight", "Bolder").put("wrap", true);
            } else if (!entry.actions().isEmpty()) {
                addButtons(items, entry);
            }
        }
        return card;
    }

    /**
     * The nudge's buttons, at most {@value #BUTTONS_PER_ROW} to a row: four in one row do not fit a Teams card (the
     * last is cut off, as the browser check's screenshot showed). The action that records the good outcome is
     * styled {@code positive}, as Slack's is {@code primary}.
     */
    private static void addButtons(ArrayNode items, Entry entry) {
        ArrayNode actions = null;
        for (int i = 0; i < entry.actions().size(); i++) {
            if (i % BUTTONS_PER_ROW == 0) {
                actions = items.addObject().put("type", "ActionSet").putArray("actions");
            }
            String action = entry.actions().get(i);
            Optional<NudgeAction> known = NudgeAction.fromWireName(action);
            ObjectNode button = actions.addObject().put("type", "Action.Execute")
                    .put("title", known.map(NudgeAction::label).orElse(action)).put("verb", action);
            known.filter(POSITIVE::contains).ifPresent(found -> button.put("style", "positive"));
            button.putObject("data").put("nudge", entry.nudgeId()).put("action", action);
        }
    }

    static ObjectNode state(List<Entry> entries) {
        ObjectNode state = Serialization.createObjectNode();
        ArrayNode list = state.putArray("entries");
        for (Entry entry : entries) {
            ObjectNode node = list.addObject().put("nudge", entry.nudgeId()).put("text", entry.text())
                    .put("late", entry.late()).put("thread", entry.thread());
            entry.actions().forEach(node.putArray("actions")::add);
            entry.outcome().ifPresent(outcome -> node.put("outcome", outcome));
            entry.form().writeTo(node);
        }
        return state;
    }

    static List<Entry> entries(JsonNode state) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : state.path("entries")) {
            List<String> actions = new ArrayList<>();
            node.path("actions").forEach(action -> actions.add(action.asText()));
            entries.add(new Entry(node.path("nudge").asText(), node.path("text").asText(), actions,
                    node.path("late").asBoolean(), TeamsActivities.text(node.path("outcome")),
                    node.path("thread").asText(""), ResultForm.State.readFrom(node)));
        }
        return entries;
    }
}
