package io.happy3.adapter.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.app.Signals;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.AgentAnswer;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.issue.MessageFacts;
import io.happy3.domain.issue.Role;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.Durations;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The playbook dry-run: replays one sandbox thread (its messages, reactions and the agents' one-click answers)
 * through the domain's issue tracker and nudge planner under two playbooks, and says what would change ("with
 * this change: 1 more nudge; confirm-result 1 h earlier"). Nothing is stored and nothing is sent.
 */
final class PlaybookDryRun {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    /** One nudge the replay planned, and what became of it by the end of the thread. */
    record Planned(String step, String to, Instant due, Optional<String> cancelledBy) {
        boolean sent(Instant now) {
            return cancelledBy.isEmpty() && !due.isAfter(now);
        }
    }

    private final ObjectMapper json;
    private final Signals signals = new Signals();

    PlaybookDryRun(ObjectMapper json) {
        this.json = json;
    }

    /** Replays the thread {@code root} of {@code entries} under both playbooks, as of {@code now}. */
    ObjectNode compare(List<SandboxLog.Entry> entries, String root, Playbook current, Playbook candidate,
                       Instant now, ZoneId zone) {
        List<Planned> before = replay(entries, root, current, zone);
        List<Planned> after = replay(entries, root, candidate, zone);
        ObjectNode result = json.createObjectNode();
        result.put("thread", root);
        result.set("current", render(before, current, now, zone));
        result.set("candidate", render(after, candidate, now, zone));
        ArrayNode summary = result.putArray("summary");
        differences(before, after).forEach(summary::add);
        return result;
    }

    List<Planned> replay(List<SandboxLog.Entry> entries, String root, Playbook playbook, ZoneId zone) {
        NudgePlanner planner = new NudgePlanner((user, followed) -> followed.timezone().orElse(zone));
        Set<UserRef> agents = SandboxPeople.ids("agent", "lead").stream()
                .map(id -> SandboxPeople.find(id).orElseThrow().user()).collect(Collectors.toSet());
        Replay replay = new Replay(new IssueTracker(), root, playbook, zone, new LinkedHashMap<>());
        Optional<Issue> issue = Optional.empty();
        Map<NudgeKey, Nudge> planned = new LinkedHashMap<>();
        for (SandboxLog.Entry entry : entries) {
            JsonNode body = entry.body();
            if (entry.kind().equals("nudge")) {
                replay.threadOfNudge().put(body.path("nudge").asText(), body.path("thread").asText());
            }
            Instant at = Instant.ofEpochMilli(body.path("at").asLong());
            UserRef user = SandboxPeople.find(body.path(entry.kind().equals("press") ? "to" : "author").asText())
                    .map(SandboxPeople.Person::user).orElse(null);
            if (user == null) {
                continue;
            }
            Role role = agents.contains(user) ? Role.AGENT : Role.CUSTOMER;
            Optional<Transition> transition = transition(replay, entry, issue, user, role, at);
            if (transition.isPresent()) {
                issue = Optional.of(transition.get().issue());
                for (Nudge nudge : planner.plan(issue.get(), transition.get().events(), playbook, agents, at)) {
                    planned.putIfAbsent(nudge.key(), nudge);
                }
            }
        }
        return planned(planned.values(), issue, playbook);
    }

    /** What one replay holds across the entries of the log. */
    private record Replay(IssueTracker tracker, String root, Playbook playbook, ZoneId zone,
                          Map<String, String> threadOfNudge) {
    }

    /** The transition one log entry causes on the replayed issue {@code open}, if it belongs to its thread. */
    private Optional<Transition> transition(Replay replay, SandboxLog.Entry entry, Optional<Issue> open,
                                            UserRef user, Role role, Instant at) {
        JsonNode body = entry.body();
        IssueTracker tracker = replay.tracker();
        if (entry.kind().equals("message") && replay.root().equals(rootOf(body))) {
            String text = body.path("text").asText();
            MessageFacts facts = new MessageFacts(new MessageRef(SandboxPeople.CHANNEL, body.path("id").asText()),
                    user, role,
                    body.path("thread").isTextual() ? Optional.of(body.get("thread").asText()) : Optional.empty(),
                    at, signals.forPlaybook(replay.playbook()).detect(text, role, at.atZone(replay.zone())), false);
            return tracker.onMessage(open, facts, replay.playbook().id(), List.of());
        } else if (entry.kind().equals("reaction") && replay.root().equals(body.path("thread").asText())
                && body.path("reaction").asText().equals("check")) {
            return open.flatMap(found -> tracker.onReaction(found, user, role, Reaction.CONFIRM,
                    body.path("message").asText(), at));
        } else if (entry.kind().equals("press")
                && replay.root().equals(replay.threadOfNudge().get(body.path("target").asText()))) {
            Optional<AgentAnswer> answer = answer(body.path("action").asText());
            return answer.flatMap(found -> open.flatMap(tracked -> tracker.onAgentAnswer(tracked, user, found, at)));
        }
        return Optional.empty();
    }

    private static List<Planned> planned(java.util.Collection<Nudge> planned, Optional<Issue> issue,
                                         Playbook playbook) {
        List<Planned> result = new ArrayList<>();
        for (Nudge nudge : planned) {
            Optional<String> cancelled = playbook.step(nudge.stepId()).flatMap(step -> cancelledBy(step, nudge,
                    issue.orElseThrow()));
            result.add(new Planned(nudge.stepId().value(), SandboxPeople.nameOf(nudge.recipient()), nudge.dueAt(),
                    cancelled));
        }
        return result;
    }

    private static String rootOf(JsonNode message) {
        return message.path("thread").isTextual() ? message.get("thread").asText() : message.path("id").asText();
    }

    private static Optional<AgentAnswer> answer(String action) {
        for (AgentAnswer answer : AgentAnswer.values()) {
            if (answer.name().toLowerCase(Locale.ROOT).equals(action)) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    /** The step's guard event, when it happened after the trigger and before the nudge fell due. */
    private static Optional<String> cancelledBy(Step step, Nudge nudge, Issue issue) {
        if (step.unless().isEmpty()) {
            return Optional.empty();
        }
        for (IssueEvent event : issue.history()) {
            if (event.type() == step.unless().get() && event.at().isAfter(nudge.triggeredAt())
                    && !event.at().isAfter(nudge.dueAt())) {
                return Optional.of(event.type().wireName().replace('_', ' '));
            }
        }
        return Optional.empty();
    }

    private ObjectNode render(List<Planned> planned, Playbook playbook, Instant now, ZoneId zone) {
        ObjectNode side = json.createObjectNode();
        side.put("playbook", playbook.id().value());
        ArrayNode nudges = side.putArray("nudges");
        for (Planned nudge : planned) {
            String outcome = nudge.cancelledBy().map(reason -> "not sent: " + reason + " first")
                    .orElse(nudge.due().isAfter(now) ? "still to come" : "sent");
            nudges.addObject().put("step", nudge.step()).put("to", nudge.to())
                    .put("dueText", WHEN.format(nudge.due().atZone(zone))).put("outcome", outcome);
        }
        side.put("sent", planned.stream().filter(nudge -> nudge.sent(now)).count());
        side.put("planned", planned.size());
        return side;
    }

    /** Plain sentences: how many more or fewer nudges, and which step moved by how much. */
    static List<String> differences(List<Planned> before, List<Planned> after) {
        List<String> lines = new ArrayList<>();
        long difference = after.stream().filter(nudge -> nudge.cancelledBy().isEmpty()).count()
                - before.stream().filter(nudge -> nudge.cancelledBy().isEmpty()).count();
        if (difference != 0) {
            long count = Math.abs(difference);
            lines.add(count + (difference > 0 ? " more " : " fewer ") + "nudge"
                    + (count == 1 ? "" : "s"));
        }
        Map<String, Planned> first = firstByStep(before);
        Map<String, Planned> second = firstByStep(after);
        for (Map.Entry<String, Planned> entry : second.entrySet()) {
            Planned old = first.get(entry.getKey());
            Planned next = entry.getValue();
            if (old == null) {
                lines.add("new: the " + entry.getKey() + " nudge (" + (next.cancelledBy().isPresent() ? "planned, then "
                        + "not sent: " + next.cancelledBy().get() + " first" : "to " + next.to()) + ")");
            } else if (!old.due().equals(next.due())) {
                Duration shift = Duration.between(old.due(), next.due());
                lines.add("the " + entry.getKey() + " nudge " + Durations.human(shift.abs())
                        + (shift.isNegative() ? " earlier" : " later"));
            } else if (old.cancelledBy().isPresent() != next.cancelledBy().isPresent()) {
                lines.add("the " + entry.getKey() + " nudge " + (next.cancelledBy().isPresent()
                        ? "is no longer sent (" + next.cancelledBy().get() + " first)" : "is now sent"));
            }
        }
        for (String step : first.keySet()) {
            if (!second.containsKey(step)) {
                lines.add("gone: the " + step + " nudge");
            }
        }
        if (lines.isEmpty()) {
            lines.add("no difference for this thread");
        }
        return lines;
    }

    private static Map<String, Planned> firstByStep(List<Planned> planned) {
        Map<String, Planned> byStep = new LinkedHashMap<>();
        for (Planned nudge : planned) {
            byStep.putIfAbsent(nudge.step(), nudge);
        }
        return byStep;
    }
}
