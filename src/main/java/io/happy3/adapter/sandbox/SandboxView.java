package io.happy3.adapter.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.app.Engine;
import io.happy3.app.TeamDirectory;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.review.ReviewPeriod;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the sandbox for the page: the channel's threads, each with its issue's state and history, the
 * signals found in each message, and the nudges planned with their due times; each person's inbox (nudges as
 * delivered, with their buttons until answered) and private messages; the channel's posts (the digest).
 */
final class SandboxView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ObjectMapper json;
    private final List<SandboxLog.Entry> entries;
    private final Engine.Stores stores;
    private final TeamDirectory team;
    private final Instant now;
    private final ZoneId zone;
    private final long version;

    SandboxView(ObjectMapper json, List<SandboxLog.Entry> entries, Engine.Stores stores, TeamDirectory team,
                Instant now, ZoneId zone, long version) {
        this.json = json;
        this.entries = entries;
        this.stores = stores;
        this.team = team;
        this.now = now;
        this.zone = zone;
        this.version = version;
    }

    ObjectNode render() {
        ObjectNode state = json.createObjectNode();
        state.put("version", version);
        state.put("now", now.toEpochMilli());
        state.put("nowText", when(now));
        state.put("zone", zone.getId());
        state.put("week", ReviewPeriod.containing(now, zone).label());
        state.put("playbook", team.followed(SandboxPeople.CHANNEL).map(context -> context.playbook().id().value())
                .orElse("(none)"));
        ArrayNode people = state.putArray("people");
        for (SandboxPeople.Person person : SandboxPeople.PEOPLE) {
            people.addObject().put("id", person.id()).put("name", person.name()).put("role", person.role());
        }
        state.set("threads", threads());
        state.set("people_feed", feeds());
        ArrayNode posts = state.putArray("posts");
        for (SandboxLog.Entry entry : entries) {
            if (entry.kind().equals("post")) {
                ObjectNode post = posts.addObject().put("seq", entry.seq()).put("text", entry.body().path("text")
                        .asText()).put("atText", when(at(entry.body())));
                if (entry.body().has("bytes")) {
                    post.put("file", "/sandbox/api/files/" + entry.seq()).put("fileName",
                            entry.body().path("fileName").asText());
                }
            }
        }
        return state;
    }

    private ArrayNode threads() {
        ArrayNode threads = json.createArrayNode();
        Map<String, ObjectNode> byRoot = new HashMap<>();
        for (SandboxLog.Entry entry : entries) {
            JsonNode body = entry.body();
            if (entry.kind().equals("message")) {
                String root = body.path("thread").isTextual() ? body.get("thread").asText() : body.get("id").asText();
                ObjectNode thread = byRoot.computeIfAbsent(root, key -> newThread(threads, key));
                ObjectNode message = ((ArrayNode) thread.get("messages")).addObject();
                message.setAll((ObjectNode) body.deepCopy());
                message.put("name", SandboxPeople.find(body.path("author").asText()).map(SandboxPeople.Person::name)
                        .orElse(body.path("author").asText()));
                message.put("atText", when(at(body)));
                message.putArray("reactions");
            } else if (entry.kind().equals("reaction")) {
                ObjectNode thread = byRoot.get(body.path("thread").asText());
                if (thread != null) {
                    for (JsonNode message : thread.get("messages")) {
                        if (message.path("id").asText().equals(body.path("message").asText())) {
                            ((ArrayNode) message.get("reactions")).addObject()
                                    .put("reaction", body.path("reaction").asText())
                                    .put("name", SandboxPeople.find(body.path("author").asText())
                                            .map(SandboxPeople.Person::name).orElse("?"))
                                    .set("events", body.path("events"));
                        }
                    }
                }
            }
        }
        for (JsonNode thread : threads) {
            issue((ObjectNode) thread);
        }
        return threads;
    }

    private ObjectNode newThread(ArrayNode threads, String root) {
        ObjectNode thread = threads.addObject();
        thread.put("root", root);
        thread.putArray("messages");
        return thread;
    }

    private void issue(ObjectNode thread) {
        MessageRef root = new MessageRef(SandboxPeople.CHANNEL, thread.get("root").asText());
        Optional<Issue> issue = stores.issues().find(IssueId.of(root));
        if (issue.isEmpty()) {
            thread.put("state", "NOT TRACKED");
            thread.putArray("history");
            thread.putArray("planned");
            return;
        }
        thread.put("state", issue.get().state().name());
        thread.put("agent", issue.get().agent().map(SandboxPeople::nameOf).orElse(""));
        ArrayNode history = thread.putArray("history");
        for (IssueEvent event : issue.get().history()) {
            ObjectNode item = history.addObject().put("type", event.type().wireName()).put("rule", event.rule())
                    .put("atText", when(event.at()));
            event.evidence().ifPresent(evidence -> item.put("evidence", evidence.name().toLowerCase(Locale.ROOT)));
        }
        ArrayNode planned = thread.putArray("planned");
        for (Nudge nudge : stores.nudges().findByIssue(issue.get().id())) {
            ObjectNode item = planned.addObject().put("id", nudge.id().value()).put("step", nudge.stepId().value())
                    .put("to", SandboxPeople.nameOf(nudge.recipient())).put("status", nudge.status().name())
                    .put("due", nudge.dueAt().toEpochMilli()).put("dueText", when(nudge.dueAt()))
                    .put("late", nudge.late());
            nudge.sentAt().ifPresent(sent -> item.put("sentText", when(sent)));
            nudge.action().ifPresent(action -> item.put("action", action));
        }
    }

    /** Per person: the inbox (delivered nudges, newest first) and the private messages the bot sent them. */
    private ObjectNode feeds() {
        ObjectNode feeds = json.createObjectNode();
        Map<Long, String> outcomes = outcomes();
        for (SandboxPeople.Person person : SandboxPeople.PEOPLE) {
            ObjectNode feed = feeds.putObject(person.id());
            ArrayNode inbox = feed.putArray("inbox");
            ArrayNode messages = feed.putArray("messages");
            for (int index = entries.size() - 1; index >= 0; index--) {
                SandboxLog.Entry entry = entries.get(index);
                if (!person.id().equals(entry.body().path("to").asText())) {
                    continue;
                }
                switch (entry.kind()) {
                    case "nudge" -> inboxItem(inbox.addObject(), entry, outcomes);
                    case "reply", "dm", "file", "command" -> message(messages.addObject(), entry);
                    default -> {
                    }
                }
            }
        }
        return feeds;
    }

    /** The answer shown under each delivery: it belongs to the latest delivery of its nudge (a snoozed one recurs). */
    private Map<Long, String> outcomes() {
        Map<Long, String> outcomes = new HashMap<>();
        Map<String, Long> latestDelivery = new HashMap<>();
        for (SandboxLog.Entry entry : entries) {
            String nudge = entry.body().path("nudge").asText();
            if (entry.kind().equals("nudge")) {
                Long previous = latestDelivery.put(nudge, entry.seq());
                if (previous != null) {
                    outcomes.putIfAbsent(previous, "Delivered again below.");
                }
            } else if (entry.kind().equals("answered") && latestDelivery.containsKey(nudge)) {
                outcomes.put(latestDelivery.get(nudge), entry.body().path("text").asText());
            }
        }
        return outcomes;
    }

    private void inboxItem(ObjectNode item, SandboxLog.Entry entry, Map<Long, String> outcomes) {
        JsonNode body = entry.body();
        item.setAll(((ObjectNode) body).deepCopy());
        item.put("seq", entry.seq()).put("atText", when(at(body)));
        Optional<Nudge> stored = stores.nudges().find(new io.happy3.domain.nudge.NudgeId(body.path("nudge").asText()));
        stored.ifPresent(nudge -> item.put("status", nudge.status().name()));
        Optional.ofNullable(outcomes.get(entry.seq()))
                .or(() -> stored.flatMap(SandboxView::settledWithoutAButton))
                .ifPresent(outcome -> item.put("outcome", outcome));
    }

    private void message(ObjectNode item, SandboxLog.Entry entry) {
        JsonNode body = entry.body();
        item.put("kind", entry.kind()).put("seq", entry.seq()).put("text", body.path("text").asText())
                .put("atText", when(at(body)));
        if (body.has("choices")) {
            item.set("choices", body.get("choices"));
        }
        if (body.has("bytes")) {
            item.put("file", "/sandbox/api/files/" + entry.seq()).put("fileName", body.path("fileName").asText());
        }
    }

    /**
     * A nudge whose goal happened anyway (another agent replied) or that was cancelled is no longer open, though
     * nobody pressed its buttons; the page shows it as done, as the App Home's inbox list would drop it.
     */
    private static Optional<String> settledWithoutAButton(Nudge nudge) {
        if (nudge.status().open() || nudge.status() == io.happy3.domain.nudge.NudgeStatus.SENT) {
            return Optional.empty();
        }
        return Optional.of(nudge.action().filter(action -> action.startsWith("goal:"))
                .map(action -> "Done: " + action.substring("goal:".length()).replace('_', ' ') + ".")
                .orElse("No longer needed (" + nudge.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + ")."));
    }

    private static Instant at(JsonNode body) {
        return Instant.ofEpochMilli(body.path("at").asLong());
    }

    private String when(Instant instant) {
        return WHEN.format(instant.atZone(zone));
    }
}
