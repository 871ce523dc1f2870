package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.UserRef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the weekly digest: at most {@link #HIGHLIGHTS} accepted proud stories first (who, what happened, a link
 * to the thread), then three headline numbers (verified-resolution rate, follow-up rate, median first response)
 * with their change against last week, then the chart. It always produces a message; an empty week says so.
 */
public final class DigestComposer {
    /** How many weeks the trend chart shows. */
    public static final int TREND_WEEKS = 8;
    /** How many proud stories the digest shows before the numbers. */
    public static final int HIGHLIGHTS = 5;

    private final Function<UserRef, String> names;
    private final ChatMarkup markup;

    /** Names people with {@code names}; writes the thread links as the digest's platform does. */
    public DigestComposer(Function<UserRef, String> names, ChatMarkup markup) {
        this.names = requireNonNull(names, "names == null");
        this.markup = requireNonNull(markup, "markup == null");
    }

    /**
     * The digest of the last week in {@code weeks} (scorecards oldest first, up to {@link #TREND_WEEKS},
     * e.g. from {@link ReviewCompiler#compileWeeks}); {@code stories} are the week's proud stories (see
     * {@link ProudStories}), of which only the accepted ones are shown, the first {@link #HIGHLIGHTS}.
     */
    public Digest compose(List<Scorecard> weeks, List<ProudStory> stories) {
        requireNonNull(weeks, "weeks == null");
        requireNonNull(stories, "stories == null");
        if (weeks.isEmpty()) {
            throw new IllegalArgumentException("weeks is empty: the digest needs at least this week's scorecard");
        }
        Scorecard week = weeks.get(weeks.size() - 1);
        // People's own nominations lead: the digest is where the team hears what its members are proud of.
        List<ProudStory> accepted = stories.stream().filter(ProudStory::accepted)
                .sorted(Comparator.comparing(story -> !story.byPeople())).toList();
        List<WeekPoint> trend = weeks.subList(Math.max(0, weeks.size() - TREND_WEEKS), weeks.size()).stream()
                .map(WeekPoint::of).toList();
        StringBuilder text = new StringBuilder("*What we're proud of — ").append(week.period().describe()).append("*\n");
        boolean quiet = accepted.isEmpty() && week.isEmpty();
        if (quiet) {
            text.append("A quiet week — nothing to report: no customer issues, no nudges and no proud moments.\n");
            return new Digest(week.period(), text.toString(), trend, true);
        }
        if (accepted.isEmpty()) {
            text.append("No proud moments this week yet. Nominate one with `/proud` or a ⭐ on a thread.\n");
        }
        highlights(text, accepted);
        Optional<Scorecard> previous = weeks.size() > 1 ? Optional.of(weeks.get(weeks.size() - 2)) : Optional.empty();
        Map<String, Metric> before = previous.map(Scorecard::metrics).orElse(List.of()).stream()
                .collect(Collectors.toMap(Metric::key, Function.identity()));
        Map<String, Metric> now = week.metrics().stream().collect(Collectors.toMap(Metric::key, Function.identity()));
        text.append("\n*This week in numbers*\n");
        text.append(headline("Verified resolutions (customer confirmed)", now, before, "result.verified_resolution"));
        text.append(headline("Follow-ups done when due", now, before, "after.follow_ups"));
        text.append(headline("Median first response", now, before, "interaction.median_first_response"));
        text.append("_").append(trend.size()).append("-week trend in the chart._\n");
        return new Digest(week.period(), text.toString(), trend, false);
    }

    /** The first {@link #HIGHLIGHTS} stories, one line each, then how many more the review holds. */
    private void highlights(StringBuilder text, List<ProudStory> accepted) {
        for (ProudStory story : accepted.subList(0, Math.min(HIGHLIGHTS, accepted.size()))) {
            text.append("⭐ ").append(who(story)).append(" — ").append(story.text());
            story.link().ifPresent(link -> text.append(" — ").append(markup.link(link, "thread")));
            story.notes().forEach(note -> text.append(" _(").append(note).append(")_"));
            text.append('\n');
        }
        if (accepted.size() > HIGHLIGHTS) {
            text.append("…and ").append(accepted.size() - HIGHLIGHTS).append(" more in `/review`.\n");
        }
    }

    private String who(ProudStory story) {
        return story.who().map(user -> "*" + names.apply(user) + "*").orElse("*The team*");
    }

    private static String headline(String label, Map<String, Metric> now, Map<String, Metric> before, String key) {
        Metric metric = now.get(key);
        MetricChange change = new MetricChange(metric, Optional.ofNullable(before.get(key)));
        String detail = metric.kind() == Metric.Kind.PERCENT ? " (" + metric.detail() + ")" : "";
        return "• " + label + ": *" + ScorecardFormatter.value(metric) + "*" + detail + "  "
                + ScorecardFormatter.delta(change) + "\n";
    }
}
