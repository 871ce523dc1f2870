package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The weekly "what are we proud of" message: its text (Slack mrkdwn) and the weekly points of the
 * trend chart, oldest first. {@code quiet} is true for a week with nothing to report.
 */
public record Digest(ReviewPeriod period, String text, List<WeekPoint> trend, boolean quiet) {
    public Digest {
        requireNonNull(period, "period == null");
        requireNonNull(text, "text == null");
        trend = List.copyOf(trend);
    }
}
