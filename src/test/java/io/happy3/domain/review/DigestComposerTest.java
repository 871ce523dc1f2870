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
    private final DigestComposer composer = new DigestComposer(user -> user.equals(ALICE) ? "Alice" : "Bob",
            new SlackMarkup());
    private final ProudStories stories = new ProudStories(WeekFixture.lookup());

    @Test
    void compose_acceptedMoments_firstWithNamesAndLinksThenHeadlines() {
        Digest digest = composer.compose(weeks, stories.tell(List.of(
                moment("m1", ALICE, "Caught a regression in the export during the follow-up",
                        ProudMoment.Decision.ACCEPTED),
                moment("m2", BOB, "Rejected one", ProudMoment.Decision.REJECTED),
                moment("m3", BOB, "Still nominated", ProudMoment.Decision.NOMINATED))));

        assertThat(digest.quiet()).isFalse();
        assertThat(digest.text()).isEqualTo("""
                *What we're proud of — 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)*
                ⭐ *Alice* — “Caught a regression in the export during the follow-up” — <https://x.slack.com/t/m1|thread>

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

        Digest digest = composer.compose(empty, stories.tell(List.of(moment("m1", BOB, "Wrote the runbook",
                ProudMoment.Decision.ACCEPTED))));

        assertThat(digest.quiet()).isFalse();
        assertThat(digest.text()).contains("⭐ *Bob* — “Wrote the runbook”").contains("*n/a* (0/0)  Δ n/a");
    }

    @Test
    void compose_sevenAcceptedStories_fiveHighlightsThenTheNumbers() {
        List<ProudMoment> moments = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            moments.add(moment("m" + i, i % 2 == 0 ? BOB : ALICE, "Moment " + i, ProudMoment.Decision.ACCEPTED));
        }

        String text = composer.compose(weeks, stories.tell(moments)).text();

        assertThat(text.lines().filter(line -> line.startsWith("⭐ "))).hasSize(5);
        assertThat(text).contains("“Moment 5”").doesNotContain("“Moment 6”")
                .contains("…and 2 more in `/review`.\n\n*This week in numbers*");
    }

    @Test
    void compose_nominationsOfOneIssue_oneHighlightMergingTheReasons() {
        ProudMoment thanks = new ProudMoment("g1", "T1", Optional.of(WeekFixture.CHANNEL),
                Optional.of(WeekFixture.issueId("i1")), Optional.of(ALICE), Optional.empty(),
                ProudMoment.Source.CUSTOMER_GRATITUDE, "The customer thanked the team after confirming the fix.",
                Optional.of("https://x.slack.com/t/i1"), at(16, "10:31"), ProudMoment.Decision.ACCEPTED,
                Optional.empty());
        ProudMoment star = new ProudMoment("s1", "T1", Optional.of(WeekFixture.CHANNEL),
                Optional.of(WeekFixture.issueId("i1")), Optional.of(ALICE), Optional.of(BOB),
                ProudMoment.Source.STAR_REACTION, "Starred in the channel.", Optional.empty(), at(16, "11:00"),
                ProudMoment.Decision.ACCEPTED, Optional.empty());

        String text = composer.compose(weeks, stories.tell(List.of(thanks, star))).text();

        assertThat(text).contains("⭐ *Alice* — Priya (Northwind) confirmed the fix (the nightly export in finance"
                + " by 8:00) and thanked Alice; 3 days later it still worked. ⭐ from Bob. — <https://x.slack.com/t/i1|thread>\n");
        assertThat(text.lines().filter(line -> line.startsWith("⭐ "))).hasSize(1);
    }

    private static ProudMoment moment(String id, UserRef about, String text, ProudMoment.Decision decision) {
        return new ProudMoment(id, "T1", Optional.of(WeekFixture.CHANNEL), Optional.empty(), Optional.of(about),
                Optional.of(about), ProudMoment.Source.PROUD_COMMAND, text,
                Optional.of("https://x.slack.com/t/" + id), at(20, "12:00"), decision, Optional.empty());
    }
}
