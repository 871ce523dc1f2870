package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.issue.IssueStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox worker's side of {@link SlackCustomerForms}: a submitted modal becomes the command an agent could
 * have typed ({@code /happy3 result @customer … by 2026-12-04}, {@code /happy3 note @customer …}), so the same use
 * cases record it, check who may, and answer in the agent's DM. A submission the modal refused is dropped here
 * too: the inbox stored it before the listener could say no. Thread-safe.
 */
final class SlackFormSubmissions {
    private static final Logger log = LoggerFactory.getLogger(SlackFormSubmissions.class);
    private static final SlackMarkup MARKUP = new SlackMarkup();

    private final IssueStore issues;
    private final SlackCustomerForms forms;

    SlackFormSubmissions(IssueStore issues, SlackCustomerForms forms) {
        this.issues = requireNonNull(issues, "issues == null");
        this.forms = requireNonNull(forms, "forms == null");
    }

    /** The command a {@code view_submission} stands for; empty for other modals or a refused submission. */
    Optional<ChatEvent.CommandInvoked> command(InboxEntry entry, JsonNode payload, String team) {
        JsonNode view = payload.path("view");
        String callback = view.path("callback_id").asText("");
        Optional<ChannelRef> channel = SlackCustomerForms.channel(team, view);
        String user = payload.path("user").path("id").asText("");
        if (channel.isEmpty() || user.isBlank()) {
            return Optional.empty();
        }
        Optional<String> arguments = switch (callback) {
            case SlackCustomerForms.RESULT_VIEW -> forms.resultErrors(view).isEmpty()
                    ? resultArguments(channel.get(), view) : Optional.empty();
            case SlackCustomerForms.NOTE_VIEW -> SlackCustomerForms.noteErrors(view).isEmpty()
                    ? Optional.of("note " + MARKUP.mentionUser(SlackCustomerForms.value(view,
                    SlackCustomerForms.CUSTOMER_BLOCK, SlackCustomerForms.CUSTOMER_INPUT, "selected_user")) + " "
                    + text(view)) : Optional.empty();
            default -> Optional.empty();
        };
        if (arguments.isEmpty()) {
            log.debug("view submission {} ({}) records nothing", entry.eventId(), callback);
        }
        return arguments.map(text -> new ChatEvent.CommandInvoked(entry.eventId(), channel.get(),
                new UserRef(Platform.SLACK, team, user), "happy3", text, "", entry.receivedAt()));
    }

    private Optional<String> resultArguments(ChannelRef channel, JsonNode view) {
        String root = SlackButtons.read(view.path("private_metadata").asText("")).map(SlackButtons.Value::argument)
                .orElse("");
        String by = SlackCustomerForms.value(view, SlackCustomerForms.BY_BLOCK, SlackCustomerForms.BY_INPUT,
                "selected_date");
        if (root.isBlank()) {
            return Optional.empty();
        }
        return issues.findByMessage(new MessageRef(channel, root)).map(issue -> "result "
                + MARKUP.mentionUser(issue.customer().user()) + " " + text(view) + (by.isEmpty() ? "" : " by " + by));
    }

    private static String text(JsonNode view) {
        return SlackCustomerForms.value(view, SlackCustomerForms.TEXT_BLOCK, SlackCustomerForms.TEXT_INPUT, "value")
                .strip();
    }
}
