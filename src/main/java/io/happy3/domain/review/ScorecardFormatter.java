package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Prints a {@link ScorecardComparison} as short lines that read well in a terminal and as Slack
 * mrkdwn: each number with its change against last week (▲ ▼ =), {@code n/a} when there is nothing to
 * divide by. Team and per-agent detail are separate methods so callers decide who sees what.
 */
public final class ScorecardFormatter {
    private final Function<UserRef, String> names;

    /** A formatter naming people with {@code names} (display names, or mentions). */
    public ScorecardFormatter(Function<UserRef, String> names) {
        this.names = requireNonNull(names, "names == null");
    }

    /** The team scorecard, led by consistency per agent for every agent {@code comparison} holds. */
    public String format(ScorecardComparison comparison) {
        return format(comparison, agent -> true);
    }

    /**
     * The team scorecard. Its headline is consistency: the team's share of issues where every playbook step
     * happened, each agent's for whom {@code shown} holds (leads see everyone, an agent themself), and the steps
     * most often skipped; then the three sections and the nudges.
     */
    public String format(ScorecardComparison comparison, Predicate<UserRef> shown) {
        Scorecard current = comparison.current();
        StringBuilder text = new StringBuilder();
        text.append("*Happy 3 scorecard — ").append(current.period().describe()).append("*\n");
        text.append("_compared with ").append(comparison.previous().period().label()).append("_\n");
        text.append(consistency(comparison, shown));
        text.append(body(byKey(comparison.changes()), Optional.empty(), current.nudges()));
        return text.toString();
    }

    private String consistency(ScorecardComparison comparison, Predicate<UserRef> shown) {
        StringBuilder text = new StringBuilder("\n*Consistency — issues where every playbook step happened*\n");
        text.append(rated("Team", comparison.change("consistency.all_steps").orElseThrow()));
        for (AgentScore score : comparison.current().agents()) {
            if (shown.test(score.agent()) && score.consistency().allStepsHappened().denominator() > 0) {
                comparison.agentChanges(score.agent()).stream()
                        .filter(change -> change.current().key().equals("consistency.all_steps")).findFirst()
                        .ifPresent(change -> text.append(rated(names.apply(score.agent()), change)));
            }
        }
        List<String> skipped = comparison.current().consistency().bySteps().stream()
                .filter(step -> skipped(step) > 0)
                .sorted(Comparator.comparingInt(ScorecardFormatter::skipped).reversed()
                        .thenComparing(step -> step.happened().value().orElse(1))
                        .thenComparing(Scorecard.StepRate::stepId))
                .map(step -> "`" + step.stepId() + "` skipped " + skipped(step) + " of " + step.happened().denominator())
                .toList();
        text.append(skipped.isEmpty() ? "No step skipped.\n" : "Most often skipped: " + String.join(" · ", skipped)
                + "\n").append('\n');
        return text.toString();
    }

    private static int skipped(Scorecard.StepRate step) {
        return step.happened().denominator() - step.happened().numerator();
    }

    private static String rated(String who, MetricChange change) {
        return "• " + who + ": *" + value(change.current()) + "* (" + change.current().detail() + ")  "
                + delta(change) + "\n";
    }

    /** One agent's scorecard, for leads and for the agent themself. */
    public String formatAgent(ScorecardComparison comparison, UserRef agent) {
        Scorecard current = comparison.current();
        StringBuilder text = new StringBuilder();
        text.append("*").append(names.apply(agent)).append(" — ").append(current.period().describe()).append("*\n");
        current.agent(agent).ifPresentOrElse(
                score -> text.append(body(byKey(comparison.agentChanges(agent)), Optional.of(score.consistency()),
                        score.nudges())),
                () -> text.append("No issues or nudges this week.\n"));
        return text.toString();
    }

    /** One summary line per agent (leads only). */
    public String formatAgents(ScorecardComparison comparison) {
        StringBuilder text = new StringBuilder("*Per agent* (leads only)\n");
        if (comparison.current().agents().isEmpty()) {
            return text.append("No agent activity this week.\n").toString();
        }
        for (AgentScore score : comparison.current().agents()) {
            Map<String, MetricChange> changes = byKey(comparison.agentChanges(score.agent()));
            text.append("• ").append(names.apply(score.agent())).append(": ").append(Scorecard.counted(score.issues(), "issue"))
                    .append(" · first response ").append(brief(changes, "interaction.median_first_response"))
                    .append(" · verified ").append(brief(changes, "result.verified_resolution"))
                    .append(" · follow-ups ").append(brief(changes, "after.follow_ups"))
                    .append(" · consistency ").append(brief(changes, "consistency.all_steps"))
                    .append(" · nudges acted ").append(score.nudges().total().actedRate().fraction()).append('\n');
        }
        return text.toString();
    }

    /** The body's rows in order: a metric key, or a section heading (starting with a newline). */
    private static final List<String> BODY = List.of("issues",
            "\n*1 · Happy with the interaction*\n",
            "interaction.issues_opened", "interaction.median_first_response", "interaction.left_waiting",
            "\n*2 · Happy with the result*\n",
            "result.verified_resolution", "result.agent_attested", "result.reopen_rate", "result.reopened",
            "result.bounce_backs", "result.closed_stale",
            "\n*3 · Happy after the result*\n",
            "after.follow_ups", "after.promises_kept", "after.regressions_caught");

    /** The sections; {@code consistency} is printed among them only where it is not the headline. */
    private static String body(Map<String, MetricChange> changes, Optional<Scorecard.Consistency> consistency,
                               Scorecard.NudgeAnalytics nudges) {
        StringBuilder text = new StringBuilder();
        for (String row : BODY) {
            text.append(row.startsWith("\n") ? row : line(changes, row));
        }
        consistency.ifPresent(steps -> {
            text.append("\n*Consistency*\n");
            text.append(line(changes, "consistency.all_steps"));
            for (Scorecard.StepRate step : steps.bySteps()) {
                text.append("    step `").append(step.stepId()).append("` done ").append(step.happened().percent())
                        .append(" (").append(step.happened().fraction()).append(")\n");
            }
        });
        appendNudges(text, changes, nudges);
        return text.toString();
    }

    private static void appendNudges(StringBuilder text, Map<String, MetricChange> changes,
                                     Scorecard.NudgeAnalytics nudges) {
        text.append("\n*Nudges* (sent · acted · snoozed · dismissed)\n");
        if (nudges.steps().isEmpty()) {
            text.append("• none sent\n");
        }
        for (Scorecard.StepNudges step : nudges.steps()) {
            String prefix = "nudges.step." + step.playbookId() + "/" + step.stepId();
            text.append("• `").append(step.stepId()).append("`: ")
                    .append(compact(changes, prefix + ".sent")).append(" · ")
                    .append(compact(changes, prefix + ".acted")).append(" · ")
                    .append(compact(changes, prefix + ".snoozed")).append(" · ")
                    .append(compact(changes, prefix + ".dismissed")).append('\n');
        }
        nudges.leastActed().ifPresent(step -> text.append("Least acted upon: `").append(step.stepId()).append("` (")
                .append(step.actedRate().percent()).append(" of ").append(step.sent()).append(" acted on)\n"));
        if (nudges.undelivered() > 0) {
            text.append("⚠ ").append(nudges.undelivered()).append(nudges.undelivered() == 1 ? " nudge" : " nudges")
                    .append(" could not be delivered after every retry (the server log says why)\n");
        }
    }

    private static Map<String, MetricChange> byKey(List<MetricChange> changes) {
        Map<String, MetricChange> byKey = new LinkedHashMap<>();
        changes.forEach(change -> byKey.put(change.current().key(), change));
        return byKey;
    }

    private static String line(Map<String, MetricChange> changes, String key) {
        MetricChange change = changes.get(key);
        if (change == null) {
            return "";
        }
        Metric metric = change.current();
        String detail = metric.detail().isEmpty() || metric.value().isEmpty() && metric.kind() != Metric.Kind.PERCENT
                ? "" : " (" + metric.detail() + ")";
        return "• " + metric.label() + ": *" + value(metric) + "*" + detail + "  " + delta(change) + "\n";
    }

    private static String brief(Map<String, MetricChange> changes, String key) {
        MetricChange change = changes.get(key);
        return value(change.current()) + " " + delta(change);
    }

    private static String compact(Map<String, MetricChange> changes, String key) {
        MetricChange change = changes.get(key);
        String value = value(change.current());
        if (change.delta().isEmpty()) {
            return value;
        }
        double delta = change.delta().getAsDouble();
        return value + (delta > 0 ? " ▲" + (long) delta : delta < 0 ? " ▼" + (long) -delta : "");
    }

    /** A metric's value as shown: {@code 67%}, {@code 12m}, {@code 3}, or {@code n/a}. */
    public static String value(Metric metric) {
        if (metric.value().isEmpty()) {
            return "n/a";
        }
        double value = metric.value().getAsDouble();
        return switch (metric.kind()) {
            case COUNT -> Long.toString(Math.round(value));
            case PERCENT -> Math.round(value * 100) + "%";
            case DURATION -> duration(Math.round(value));
        };
    }

    /** A change as shown: {@code ▲ +17 pp}, {@code ▼ −3m}, {@code = 0}, or {@code Δ n/a}. */
    public static String delta(MetricChange change) {
        if (change.delta().isEmpty()) {
            return "Δ n/a";
        }
        double delta = change.delta().getAsDouble();
        String magnitude = switch (change.current().kind()) {
            case COUNT -> Long.toString(Math.round(Math.abs(delta)));
            case PERCENT -> Math.round(Math.abs(delta) * 100) + " pp";
            case DURATION -> duration(Math.round(Math.abs(delta)));
        };
        boolean zero = switch (change.current().kind()) {
            case PERCENT -> Math.round(Math.abs(delta) * 100) == 0;
            default -> Math.round(Math.abs(delta)) == 0;
        };
        if (zero) {
            return "= 0";
        }
        return delta > 0 ? "▲ +" + magnitude : "▼ −" + magnitude;
    }

    /** {@code 45s}, {@code 7m 30s}, {@code 1h 05m}, {@code 2d 3h}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            long rest = seconds % 60;
            return seconds / 60 + "m" + (rest == 0 ? "" : " " + rest + "s");
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %dh", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
