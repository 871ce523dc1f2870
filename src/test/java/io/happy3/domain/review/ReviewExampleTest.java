package io.happy3.domain.review;

import static io.happy3.domain.review.WeekFixture.ALICE;
import static io.happy3.domain.review.WeekFixture.BOB;
import static io.happy3.domain.review.WeekFixture.W47;
import static io.happy3.domain.review.WeekFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.slack.SlackMarkup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Renders the fixture week's review and digest and checks that {@code docs/review-example.md} shows exactly that;
 * with {@code -Dhappy3.docs=docs} it rewrites the file first (after a deliberate change of the output).
 */
class ReviewExampleTest {
    @Test
    void example_fixtureWeek_matchesTheCommittedDocsPage() throws IOException {
        ScorecardComparison comparison = ReviewCompiler.compileWithPrevious(W47, WeekFixture.issues(),
                WeekFixture.nudges(), WeekFixture.playbooks(), W47.end());
        ScorecardFormatter formatter = new ScorecardFormatter(user -> user.equals(ALICE) ? "Alice" : "Bob");
        List<ProudMoment> accepted = List.of(
                new ProudMoment("m1", "T1", Optional.of(WeekFixture.CHANNEL), Optional.of(WeekFixture.issueId("i1")),
                        Optional.empty(), Optional.empty(), ProudMoment.Source.CUSTOMER_GRATITUDE,
                        "The customer thanked the team after confirming the fix.",
                        Optional.of("https://example.slack.com/archives/C1/p1763283600"), at(16, "10:31"),
                        ProudMoment.Decision.ACCEPTED, Optional.empty()),
                new ProudMoment("m2", "T1", Optional.of(WeekFixture.CHANNEL), Optional.of(WeekFixture.issueId("i3")),
                        Optional.empty(), Optional.empty(), ProudMoment.Source.REGRESSION_CAUGHT,
                        "A follow-up caught a regression before it grew.",
                        Optional.of("https://example.slack.com/archives/C1/p1763370000"), at(20, "10:30"),
                        ProudMoment.Decision.ACCEPTED, Optional.empty()),
                new ProudMoment("m3", "T1", Optional.of(WeekFixture.CHANNEL), Optional.empty(), Optional.of(BOB),
                        Optional.of(BOB), ProudMoment.Source.PROUD_COMMAND,
                        "Wrote the SSO runbook so nobody has to guess on Monday", Optional.empty(), at(20, "16:00"),
                        ProudMoment.Decision.ACCEPTED, Optional.empty()));
        Digest digest = new DigestComposer(user -> user.equals(ALICE) ? "Alice" : "Bob", new SlackMarkup()).compose(
                ReviewCompiler.compileWeeks(W47, 8, WeekFixture.issues(), WeekFixture.nudges(), WeekFixture.playbooks()),
                new ProudStories(WeekFixture.lookup()).tell(accepted));
        String markdown = """
                # Example: a weekly review and digest

                Rendered by `ReviewExampleTest` from the hand-built week in `WeekFixture` (2026-W47, compared with
                2026-W46). Text is Slack mrkdwn; the same lines print in a terminal.

                ## `/review` — team scorecard, as a lead sees it (an agent sees the team's line and their own)

                ```text
                %s```

                ## `/review` — per-agent detail (leads only)

                ```text
                %s```

                ## The weekly digest

                ```text
                %s```

                The chart below is `TrendChart.render` over eight sample weeks (`TrendChartTest.sampleWeeks`).
                Regenerate both files with
                `mvn -B test -Dtest='io.happy3.domain.review.**,io.happy3.adapter.chart.**' -Dhappy3.docs=$PWD/docs`.

                ![8-week trend](images/digest-trend.png)
                """.formatted(formatter.format(comparison), formatter.formatAgents(comparison),
                digest.text());

        String docs = System.getProperty("happy3.docs");
        if (docs != null) {
            Files.writeString(Path.of(docs, "review-example.md"), markdown);
        }
        String committed = Files.readString(Path.of("docs", "review-example.md"));

        assertThat(markdown).contains("Verified-resolution rate").contains("⭐ *Alice*");
        assertThat(markdown).as("docs/review-example.md is stale: regenerate it with -Dhappy3.docs=$PWD/docs")
                .isEqualTo(committed);
    }
}
