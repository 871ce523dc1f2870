package io.happy3.domain.nudge;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a step's nudge text. The placeholders are {@link #PLACEHOLDERS}; playbook validation rejects
 * any other. Formatting uses an explicit English locale, never the JVM default (which a chat SDK may change).
 */
public final class NudgeText {
    public static final java.util.Set<String> PLACEHOLDERS =
            java.util.Set.of("customer", "agent", "channel", "waited", "link", "due", "step");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private NudgeText() {
    }

    /** The values for one nudge: names are display names, {@code link} a permalink to the thread if known. */
    public static Map<String, String> values(Nudge nudge, Issue issue, String customerName, String agentName,
                                             String channelName, Optional<String> link, ZoneId zone, Instant now) {
        String due = issue.last(IssueEventType.PROMISE_MADE).flatMap(event -> event.due())
                .map(instant -> DUE.format(instant.atZone(zone))).orElse("soon");
        return Map.of(
                "customer", customerName,
                "agent", agentName,
                "channel", channelName,
                "waited", Durations.human(Duration.between(nudge.triggeredAt(), now)),
                "link", link.orElse("(thread)"),
                "due", due,
                "step", nudge.stepId().value());
    }

    public static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template.strip());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), matcher.group(0));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replaceAll("\\s*\\n\\s*", " ");
    }
}
