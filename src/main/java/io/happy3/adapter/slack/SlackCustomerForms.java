package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.customer.DesiredResult;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two modals about a customer as a person: "Record result" (the result the customer needs, and by when;
 * opened from the first-response nudge or the App Home's customer card) and "Add a customer note" (opened from
 * the message shortcut, prefilled with the message's author, or from the card). Opening happens inside the ack
 * ({@code views.open} needs the trigger id within 3 s) and so does validation ({@code response_action: errors});
 * recording is the inbox worker's, through the same use cases as {@code /happy3 result} and {@code /happy3 note}
 * ({@link SlackFormSubmissions}). Stateless.
 */
final class SlackCustomerForms {
    static final String OPEN_RESULT = "open_desired_result";
    static final String OPEN_NOTE = "open_customer_note";
    /** Buttons that only open a modal: the inbox worker has nothing to do for them. */
    static final java.util.Set<String> OPENERS = java.util.Set.of(OPEN_RESULT, OPEN_NOTE);
    static final String RESULT_VIEW = "desired_result";
    static final String NOTE_VIEW = "customer_note";
    static final String NOTE_SHORTCUT = "customer_note";
    static final String TEXT_BLOCK = "text";
    static final String TEXT_INPUT = "text_input";
    static final String BY_BLOCK = "by";
    static final String BY_INPUT = "by_input";
    static final String CUSTOMER_BLOCK = "customer";
    static final String CUSTOMER_INPUT = "customer_input";
    private static final Logger log = LoggerFactory.getLogger(SlackCustomerForms.class);

    private final SlackWebApi api;
    private final Clock clock;

    SlackCustomerForms(SlackWebApi api, Clock clock) {
        this.api = requireNonNull(api, "api == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Registers the buttons, the shortcut and both submissions on {@code listeners}. */
    void registerOn(SlackListeners listeners) {
        listeners.blockAction(OPEN_RESULT, (req, ctx) -> {
            JsonNode payload = payload(req);
            open(payload, resultModal(payload.path("actions").path(0).path("value").asText("")));
            return ctx.ack();
        });
        listeners.blockAction(OPEN_NOTE, (req, ctx) -> {
            JsonNode payload = payload(req);
            Optional<SlackButtons.Value> target = SlackButtons.read(payload.path("actions").path(0).path("value")
                    .asText(""));
            target.ifPresent(value -> open(payload, noteModal(value.target(), Optional.of(value.argument()))));
            return ctx.ack();
        });
        listeners.messageShortcut(NOTE_SHORTCUT, (req, ctx) -> {
            JsonNode payload = payload(req);
            open(payload, noteModal(payload.path("channel").path("id").asText(""),
                    SlackPayload.text(payload.path("message"), "user")));
            return ctx.ack();
        });
        listeners.viewSubmission(RESULT_VIEW, (req, ctx) -> answer(resultErrors(payload(req).path("view")), ctx));
        listeners.viewSubmission(NOTE_VIEW, (req, ctx) -> answer(noteErrors(payload(req).path("view")), ctx));
    }

    private static Response answer(Map<String, String> errors,
                                   com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx) {
        return errors.isEmpty() ? ctx.ack() : ctx.ackWithErrors(errors);
    }

    private static JsonNode payload(Request<?> req) {
        return SlackPayload.parse(req.getRequestBodyAsString()).body();
    }

    private void open(JsonNode payload, ObjectNode view) {
        String team = SlackPayload.text(payload.path("team"), "id")
                .or(() -> SlackPayload.text(payload.path("user"), "team_id")).orElse("");
        String trigger = payload.path("trigger_id").asText("");
        try {
            api.call(team, "views.open", methods -> methods.viewsOpen(request -> request.triggerId(trigger)
                    .viewAsString(view.toString())));
        } catch (RuntimeException e) {
            log.info("views.open for {} in {} failed: {}", view.path("callback_id").asText(), team, e.getMessage());
        }
    }

    /** The "Record result" modal for the issue {@code issueValue} ({@code channel|thread root}). */
    static ObjectNode resultModal(String issueValue) {
        ObjectNode view = modal(RESULT_VIEW, "Record result", issueValue);
        ArrayNode blocks = view.putArray("blocks");
        blocks.add(SlackBlocks.section("Ask them: _" + CustomerRecall.ASK + "_"));
        blocks.add(input(TEXT_BLOCK, "What result do they need?", textInput(DesiredResult.MAX_LENGTH, false)
                .set("placeholder", plain("the nightly export in finance by 8:00")), false));
        ObjectNode date = SlackPayload.JSON.createObjectNode().put("type", "datepicker").put("action_id", BY_INPUT);
        blocks.add(input(BY_BLOCK, "By when (optional)", date, true));
        return view;
    }

    /** The "Add a customer note" modal in {@code channel}, about {@code customer} when known. */
    static ObjectNode noteModal(String channel, Optional<String> customer) {
        ObjectNode view = modal(NOTE_VIEW, "Customer note", channel);
        ArrayNode blocks = view.putArray("blocks");
        ObjectNode person = SlackPayload.JSON.createObjectNode().put("type", "users_select")
                .put("action_id", CUSTOMER_INPUT);
        customer.filter(id -> !id.isBlank()).ifPresent(id -> person.put("initial_user", id));
        blocks.add(input(CUSTOMER_BLOCK, "Customer", person, false));
        blocks.add(input(TEXT_BLOCK, "Note", textInput(CustomerNote.MAX_LENGTH, true)
                .set("placeholder", plain("migrating to SSO in Q1")), false));
        blocks.add(SlackBlocks.context("Seen only by this team's agents and leads. Nothing of the message is kept."));
        return view;
    }

    private static ObjectNode modal(String callbackId, String title, String metadata) {
        ObjectNode view = SlackPayload.JSON.createObjectNode().put("type", "modal").put("callback_id", callbackId)
                .put("private_metadata", metadata);
        view.set("title", plain(title));
        view.set("submit", plain("Save"));
        view.set("close", plain("Cancel"));
        return view;
    }

    private static ObjectNode input(String blockId, String label, ObjectNode element, boolean optional) {
        ObjectNode input = SlackPayload.JSON.createObjectNode().put("type", "input").put("block_id", blockId)
                .put("optional", optional);
        input.set("label", plain(label));
        input.set("element", element);
        return input;
    }

    private static ObjectNode textInput(int maxLength, boolean multiline) {
        return SlackPayload.JSON.createObjectNode().put("type", "plain_text_input").put("action_id", TEXT_INPUT)
                .put("multiline", multiline).put("max_length", maxLength);
    }

    private static ObjectNode plain(String text) {
        return SlackPayload.JSON.createObjectNode().put("type", "plain_text").put("text", text);
    }

    /** What is wrong with a submitted "Record result" modal, by block id; empty when it can be recorded. */
    Map<String, String> resultErrors(JsonNode view) {
        Map<String, String> errors = new LinkedHashMap<>();
        String text = value(view, TEXT_BLOCK, TEXT_INPUT, "value");
        if (text.isBlank()) {
            errors.put(TEXT_BLOCK, "Write the result the customer needs, in their words.");
        } else if (text.strip().length() > DesiredResult.MAX_LENGTH) {
            errors.put(TEXT_BLOCK, "At most " + DesiredResult.MAX_LENGTH + " characters.");
        }
        String by = value(view, BY_BLOCK, BY_INPUT, "selected_date");
        try {
            // A day's slack for zones ahead of UTC: "today" there may still be yesterday here.
            if (!by.isEmpty() && LocalDate.parse(by).isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC))
                    .minusDays(1))) {
                errors.put(BY_BLOCK, "That day has passed; pick today or a later day, or leave it empty.");
            }
        } catch (DateTimeParseException e) {
            errors.put(BY_BLOCK, "Pick a day from the calendar.");
        }
        if (!SlackButtons.read(view.path("private_metadata").asText("")).map(SlackButtons.Value::argument)
                .filter(root -> !root.isEmpty()).isPresent()) {
            errors.put(TEXT_BLOCK, "This form lost its issue; open it again from the nudge or the App Home.");
        }
        return errors;
    }

    /** What is wrong with a submitted customer note, by block id; empty when it can be saved. */
    static Map<String, String> noteErrors(JsonNode view) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (value(view, CUSTOMER_BLOCK, CUSTOMER_INPUT, "selected_user").isEmpty()) {
            errors.put(CUSTOMER_BLOCK, "Pick the customer the note is about.");
        }
        CustomerNote.problem(value(view, TEXT_BLOCK, TEXT_INPUT, "value")).ifPresent(
                problem -> errors.put(TEXT_BLOCK, problem));
        return errors;
    }

    /** The submitted value of input {@code actionId} in block {@code blockId} ({@code field} of its state). */
    static String value(JsonNode view, String blockId, String actionId, String field) {
        JsonNode value = view.path("state").path("values").path(blockId).path(actionId).path(field);
        return value.isTextual() ? value.asText() : "";
    }

    /** The channel a submitted modal was opened for (its private metadata starts with it). */
    static Optional<ChannelRef> channel(String team, JsonNode view) {
        return SlackButtons.read(view.path("private_metadata").asText(""))
                .filter(value -> !team.isBlank())
                .map(value -> new ChannelRef(Platform.SLACK, team, value.target()));
    }
}
