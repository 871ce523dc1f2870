package io.happy3.adapter.playbook;

import io.happy3.adapter.playbook.YamlNode.Mapping;
import io.happy3.adapter.playbook.YamlNode.Scalar;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.StepId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks one entry of a playbook's {@code steps} list. */
final class StepReader {
    static final List<String> KEYS = List.of("id", "when", "unless", "after", "to", "nudge", "actions", "max", "expires");
    static final List<String> PLACEHOLDERS = List.of("customer", "agent", "channel", "waited", "link", "due", "step");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final int MAX_REPEATS = 10;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final List<String> EVENTS = Arrays.stream(IssueEventType.values())
            .filter(IssueEventType::playbookEvent).map(IssueEventType::wireName).toList();
    private static final List<String> RECIPIENTS = Arrays.stream(Recipient.values()).map(Recipient::wireName).toList();
    private static final List<String> ACTIONS = Arrays.stream(NudgeAction.values()).map(NudgeAction::wireName).toList();

    private final SourceText source;
    private final Problems problems;

    StepReader(SourceText source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The step, or empty when it has problems (all of them reported). */
    Optional<Step> read(YamlNode node, int index) {
        String label = "steps[" + (index + 1) + "]";
        Optional<Mapping> mapping = Fields.mapping(node, label, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        Optional<String> rawId = mapping.get().entries().containsKey("id")
                && mapping.get().entries().get("id").value() instanceof Scalar scalar ? Optional.of(scalar.text())
                : Optional.empty();
        Fields fields = new Fields(mapping.get(), rawId.map(id -> "step '" + id + "'").orElse(label), KEYS, problems);
        for (String key : List.of("id", "when", "after", "to", "nudge")) {
            fields.require(key);
        }
        Optional<String> id = identifier(fields, "id");
        Optional<IssueEventType> when = named(fields, "when", EVENTS, IssueEventType::fromPlaybookName);
        Optional<IssueEventType> unless = named(fields, "unless", EVENTS, IssueEventType::fromPlaybookName);
        if (when.isPresent() && when.equals(unless)) {
            problems.add(fields.entry("unless").orElseThrow().value().position(),
                    "unless: is the same event as when, so the step could never nudge");
        }
        Optional<Duration> after = fields.duration("after", true);
        Optional<Recipient> to = named(fields, "to", RECIPIENTS, Recipient::fromWireName);
        Optional<String> nudge = fields.scalar("nudge").map(this::nudgeText);
        List<NudgeAction> actions = actions(fields);
        int max = fields.positiveInt("max", MAX_REPEATS).orElse(1);
        if (max > 1 && after.filter(Duration::isZero).isPresent()) {
            problems.add(fields.entry("max").orElseThrow().value().position(),
                    "max: a step repeats every 'after', so max above 1 needs an 'after' longer than 0");
        }
        Duration expires = fields.duration("expires", false).orElse(Step.DEFAULT_EXPIRY);
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new Step(new StepId(id.orElseThrow()), when.orElseThrow(), unless, after.orElseThrow(),
                to.orElseThrow(), nudge.orElseThrow(), actions, max, expires));
    }

    /** An id made of letters, digits, '-', '_' and '.'; it appears in nudge keys and button payloads. */
    static Optional<String> identifier(Fields fields, String key) {
        return fields.scalar(key).flatMap(scalar -> {
            if (ID.matcher(scalar.text()).matches()) {
                return Optional.of(scalar.text());
            }
            fields.problems().add(scalar.position(), key + ": '" + scalar.text()
                    + "' is not a valid id; use up to 64 letters, digits, '-', '_' or '.'");
            return Optional.empty();
        });
    }

    private <T> Optional<T> named(Fields fields, String key, List<String> known, Function<String, Optional<T>> lookup) {
        return fields.scalar(key).flatMap(scalar -> {
            Optional<T> value = lookup.apply(scalar.text());
            if (value.isEmpty()) {
                problems.add(scalar.position(), key + ": unknown " + what(key) + " '" + scalar.text() + "'"
                        + Suggestions.closest(scalar.text(), known).map(name -> "; did you mean '" + name + "'?")
                                .orElse("; use one of: " + String.join(", ", known)));
            }
            return value;
        });
    }

    private static String what(String key) {
        return switch (key) {
            case "to" -> "recipient";
            case "actions" -> "action";
            default -> "event";
        };
    }

    private List<NudgeAction> actions(Fields fields) {
        List<NudgeAction> actions = new ArrayList<>();
        for (Scalar scalar : fields.textList("actions").orElse(List.of())) {
            Optional<NudgeAction> action = NudgeAction.fromWireName(scalar.text());
            if (action.isEmpty()) {
                problems.add(scalar.position(), "actions: unknown action '" + scalar.text() + "'"
                        + Suggestions.closest(scalar.text(), ACTIONS).map(name -> "; did you mean '" + name + "'?")
                                .orElse("; use any of: " + String.join(", ", ACTIONS)));
            } else if (actions.contains(action.get())) {
                problems.add(scalar.position(), "actions: '" + scalar.text() + "' is listed twice");
            } else {
                actions.add(action.get());
            }
        }
        return actions;
    }

    /** The nudge text without the folded block's final newline; every {placeholder} must be a known one. */
    private String nudgeText(Scalar scalar) {
        Matcher matcher = PLACEHOLDER.matcher(scalar.text());
        YamlNode.Position searchFrom = scalar.position();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                YamlNode.Position at = source.find(matcher.group(), searchFrom).orElse(scalar.position());
                searchFrom = new YamlNode.Position(at.line(), at.column() + 1);
                problems.add(at,
                        "nudge: unknown placeholder {" + name + "}"
                                + Suggestions.closest(name.strip(), PLACEHOLDERS)
                                        .map(known -> "; did you mean {" + known + "}?")
                                        .orElse("; use {" + String.join("}, {", PLACEHOLDERS) + "}"));
            }
        }
        return scalar.text().strip();
    }
}
