package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import io.happy3.app.EventRouter;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a press of a nudge card's "Record result" ({@link ResultForm}): checks the inputs as Slack's modal
 * does, then records the result through the same use case as {@code /happy3 result @customer … by …} (so the
 * same rights and answer apply), and returns the card with the form replaced by that answer, or with the error
 * under the form. Thread-safe.
 */
final class ResultSubmissions {
    private final TeamsAddresses addresses;
    private final IssueStore issues;
    private final EventRouter router;
    private final InvokeResponses invokeResponses;
    private final Clock clock;

    ResultSubmissions(TeamsAddresses addresses, IssueStore issues, EventRouter router,
                      InvokeResponses invokeResponses, Clock clock) {
        this.addresses = requireNonNull(addresses, "addresses == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.router = requireNonNull(router, "router == null");
        this.invokeResponses = requireNonNull(invokeResponses, "invokeResponses == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Whether {@code activity} is a press of "Record result". */
    static boolean isSubmission(Activity activity) {
        JsonNode action = TeamsActivities.value(activity).path("action");
        return ResultForm.VERB.equals(TeamsActivities.text(action.path("verb"))
                .orElse(action.path("data").path("action").asText("")));
    }

    /** The invoke response: the updated nudge card. */
    ObjectNode answer(Activity activity) {
        JsonNode data = TeamsActivities.value(activity).path("action").path("data");
        String tenant = TeamsActivities.tenant(activity);
        String key = TeamsChatGateway.cardKey(TeamsActivities.baseOf(activity.getConversation().getId()),
                String.valueOf(activity.getReplyToId()));
        List<NudgeCards.Entry> entries = new ArrayList<>(addresses.json(tenant, key).map(NudgeCards::entries)
                .orElse(List.of()));
        String nudge = data.path("nudge").asText("");
        int index = indexOf(entries, nudge);
        if (index < 0) {
            return message("This card is no longer current: record the result with /happy3 result @customer ….");
        }
        String text = data.path(ResultForm.TEXT).asText("").strip();
        String by = data.path(ResultForm.BY).asText("").strip();
        NudgeCards.Entry entry = entries.get(index);
        Optional<String> error = ResultForm.error(text, by, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        Optional<Issue> issue = issue(tenant, entry.thread());
        if (error.isEmpty() && issue.isEmpty()) {
            error = Optional.of("This issue is not open any more, so there is no result to record on it.");
        }
        if (error.isPresent()) {
            entries.set(index, entry.withForm(ResultForm.State.refused(text, by, error.get())));
        } else {
            String answer = record(activity, issue.get(), text, by);
            // RecordDesiredResult answers "Recorded: …" when it saved, else why not (who may, for instance).
            entries.set(index, entry.withForm(answer.startsWith("Recorded") ? ResultForm.State.recorded(answer)
                    : ResultForm.State.refused(text, by, answer)));
        }
        addresses.saveJson(tenant, key, NudgeCards.state(entries));
        return card(NudgeCards.card(entries));
    }

    private String record(Activity activity, Issue issue, String text, String by) {
        String arguments = "result " + TeamsMarkup.token(issue.customer().user()) + " " + text
                + (by.isEmpty() ? "" : " by " + by);
        String replyTo = new ReplyTarget.Invoke(activity.getId(), activity.getConversation().getId(),
                String.valueOf(activity.getReplyToId())).token();
        router.route(new ChatEvent.CommandInvoked(activity.getId(), issue.channel(), ActivityMapper.user(activity),
                "happy3", arguments, replyTo, TeamsActivities.at(activity, clock.instant())));
        return invokeResponses.take(activity.getId()).map(body -> body.path("value"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).orElse("Recorded.");
    }

    private Optional<Issue> issue(String tenant, String thread) {
        int bar = thread.indexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        MessageRef root = new MessageRef(new ChannelRef(Platform.TEAMS, tenant, thread.substring(0, bar)),
                thread.substring(bar + 1));
        return issues.findByMessage(root).filter(found -> found.state().active());
    }

    private static int indexOf(List<NudgeCards.Entry> entries, String nudge) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).nudgeId().equals(nudge)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode card(ObjectNode card) {
        ObjectNode body = Serialization.createObjectNode();
        body.put("statusCode", 200);
        body.put("type", InvokeResponses.CARD);
        body.set("value", card);
        return body;
    }

    private static ObjectNode message(String text) {
        ObjectNode body = Serialization.createObjectNode();
        body.put("statusCode", 200);
        body.put("type", InvokeResponses.MESSAGE);
        body.put("value", text);
        return body;
    }
}
