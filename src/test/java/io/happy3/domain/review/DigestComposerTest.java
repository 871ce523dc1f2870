package io.happy3.domain.review;

import static io.happy3.domain.review.WeekFixture.ALICE;
import static io.happy3.domain.review.WeekFixture.BOB;
import static io.happy3.domain.review.WeekFixture.W47;
import static io.happy3.domain.review.WeekFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.slack.SlackMarkup;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.PlaybookId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestComposerTest {
    private final List<Scorecard> weeks = ReviewCompiler.compileWeeks(W47, 8, WeekFixture.issues(),
            WeekFixture.nudges(), WeekFixture.playbooks());
    private final DigestComposer composer = new DigestComposer(user -> user.equals(ALICE) ? "Alice" : "Bob", new SlackMarkup());

    @Test
    void compose_acceptedMoments_firstWithNamesAndLinksThenHeadlines() {
        Digest digest = composer.compose(weeks, List.of(
                moment("m1", ALICE, "Caught a regression in the export during the follow-up",
                        ProudMoment.Decision.ACCEPTED),
                moment("m2", BOB, "Rejected one", ProudMoment.Decision.REJECTED),
                moment("m3", BOB, "Still nominated", ProudMoment.Decision.NOMINATED)));

        assertThat(digest.quiet()).isFalse();
        assertThat(digest.text()).isEqualTo("""
                *What we're proud of — 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)*
                ⭐ *Alice*: Caught a regression in the export during the follow-up — <https://x.slack.com/t/m1|thread>

                *This week in numbers*
                • Verified resolutions (customer confirmed): *67%* (2/3)  ▲ +17 pp
                • Follow-ups done when due: *75%* (3/4)  ▼ −25 pp
                • Median first response: *10m*  ▼ −10m
                _8-week trend in the chart._
                """);
    }

    @Test
    void compose_eightWeeks_trendPointsOldestFirst() {
        Digest digest = composer.compose(weeks, List.of());

        assertThat(digest.trend()).hasSize(8);
        assertThat(digest.trend()).extracting(WeekPoint::label).startsWith("2026-W40").endsWith("2026-W46", "2026-W47");
        assertThat(digest.trend().get(7).medianFirstResponse()).contains(Duration.ofMinutes(10));
        assertThat(digest.trend().get(7).verifiedResolution()).hasValue(2.0 / 3);
        assertThat(digest.trend().get(6).followUps()).hasValue(1.0);
        assertThat(digest.trend().get(0).verifiedResolution()).isEmpty();
    }

    @Test
    void compose_numbersButNoMoments_invitesNominations() {
        assertThat(composer.compose(weeks, List.of()).text())
                .contains("No proud moments this week yet. Nominate one with `/proud`")
                .contains("*This week in numbers*");
    }

    @Test
    void compose_emptyWeek_saysItWasQuiet() {
        List<Scorecard> empty = ReviewCompiler.compileWeeks(W47, 8, List.of(), List.of(), Map.of());

        Digest digest = composer.compose(empty, List.of());

        assertThat(digest.quiet()).isTrue();
        assertThat(digest.text()).contains("A quiet week — nothing to report");
        assertThat(digest.trend()).hasSize(8).allSatisfy(point -> assertThat(point.verifiedResolution()).isEmpty());
    }

    @Test
    void compose_momentButNoIssues_notQuiet() {
        List<Scorecard> empty = ReviewCompiler.compileWeeks(W47, 8, List.of(), List.of(), Map.of());

        Digest digest = composer.compose(empty, List.of(moment("m1", BOB, "Wrote the runbook",
                ProudMoment.Decision.ACCEPTED)));

        assertThat(digest.quiet()).isFalse();
        assertThat(digest.text()).contains("⭐ *Bob*: Wrote the runbook").contains("*n/a* (0/0)  Δ n/a");
    }

    private static ProudMoment moment(String id, UserRef about, String text, ProudMoment.Decision decision) {
        return new ProudMoment(id, "T1", Optional.of(WeekFixture.CHANNEL), Optional.empty(), Optional.of(about),
                Optional.of(about), ProudMoment.Source.PROUD_COMMAND, text,
                Optional.of("https://x.slack.com/t/" + id), at(20, "12:00"), decision, Optional.empty());
    }
}
