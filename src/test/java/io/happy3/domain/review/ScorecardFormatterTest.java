package io.happy3.domain.review;

import static io.happy3.domain.review.WeekFixture.ALICE;
import static io.happy3.domain.review.WeekFixture.W46;
import static io.happy3.domain.review.WeekFixture.W47;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScorecardFormatterTest {
    private final ScorecardComparison comparison = ReviewCompiler.compileWithPrevious(W47, WeekFixture.issues(),
            WeekFixture.nudges(), WeekFixture.playbooks(), W47.end());
    private final ScorecardFormatter formatter = new ScorecardFormatter(user -> "<@" + user.user() + ">");

    @Test
    void format_oneIssueOneMessage_singular() {
        // The sandbox's week: one issue, answered once, one customer message.
        var issue = WeekFixture.issue("o1", WeekFixture.user("UC1"), WeekFixture.at(16, "09:00"))
                .agentReplied(WeekFixture.ALICE, WeekFixture.at(16, "09:12")).build();

        String text = formatter.format(ReviewCompiler.compileWithPrevious(W47, java.util.List.of(issue),
                java.util.List.of(), WeekFixture.playbooks(), W47.end()));

        assertThat(text).contains("(over 1 issue)", "(of 1 message)")
                .doesNotContain("1 issues", "1 messages");
    }

    @Test
    void format_fixtureWeek_numbersWithArrowsAndDeltas() {
        String text = formatter.format(comparison);

        assertThat(text).startsWith("*Happy 3 scorecard — 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)*\n"
                + "_compared with 2026-W46_\n\n"
                + "*Consistency — issues where every playbook step happened*\n"
                + "• Team: *50%* (3/6)  = 0\n"
                + "• <@UALICE>: *67%* (2/3)  ▼ −33 pp\n"
                + "• <@UBOB>: *50%* (1/2)  ▲ +50 pp\n"
                + "Most often skipped: `follow-up` skipped 1 of 3 · `confirm-result` skipped 1 of 4"
                + " · `first-response` skipped 1 of 6\n\n"
                + "• Issues active: *8*  ▲ +6\n");
        assertThat(text).contains("• Median first response: *10m* (over 5 issues)  ▼ −10m\n");
        assertThat(text).contains("• Customer messages left waiting past target: *3* (of 9 messages)  ▲ +2\n");
        assertThat(text).contains("• Verified-resolution rate: *67%* (2/3)  ▲ +17 pp\n");
        assertThat(text).contains("• Agent-attested confirmations (not counted above): *1*  ▲ +1\n");
        assertThat(text).contains("• Follow-ups done when due: *75%* (3/4)  ▼ −25 pp\n");
        assertThat(text).contains("• Promises kept: *100%* (1/1)  Δ n/a\n");
        assertThat(text).contains("• `first-response`: 3 ▲2 · 1 · 1 ▲1 · 0\n");
        assertThat(text).contains("Least acted upon: `confirm-result` (0% of 1 acted on)\n");
    }

    @Test
    void format_teamScorecard_namesNoAgent() {
        assertThat(formatter.format(comparison.teamOnly())).doesNotContain("UALICE").doesNotContain("UBOB")
                .contains("• Team: *50%* (3/6)  = 0\n");
    }

    @Test
    void format_agentSeesOwnConsistency_notTheOthers() {
        assertThat(formatter.format(comparison, ALICE::equals)).contains("• <@UALICE>: *67%* (2/3)")
                .doesNotContain("UBOB");
    }

    @Test
    void formatAgents_fixtureWeek_oneLinePerAgent() {
        String text = formatter.formatAgents(comparison);

        // last week alice had p1 (30m, verified, all steps), bob i9 (10m, never confirmed, no follow-up due)
        assertThat(text).contains("• <@UALICE>: 3 issues · first response 10m ▼ −20m · verified 100% = 0 · "
                + "follow-ups 100% = 0 · consistency 67% ▼ −33 pp · nudges acted 2/5\n");
        assertThat(text).contains("• <@UBOB>: 3 issues · first response 21m ▲ +11m · verified 0% = 0 · "
                + "follow-ups 50% Δ n/a · consistency 50% ▲ +50 pp · nudges acted 1/2\n");
    }

    @Test
    void formatAgent_oneAgent_fullSectionsWithTheirNumbers() {
        String text = new ScorecardFormatter(user -> "Alice").formatAgent(comparison, ALICE);

        assertThat(text).startsWith("*Alice — 2026-W47");
        assertThat(text).contains("• Verified-resolution rate: *100%* (2/2)  = 0\n");
        assertThat(text).contains("• Regressions caught by follow-ups: *1*  ▲ +1\n");
    }

    @Test
    void format_emptyWeeks_notAvailableInsteadOfDividingByZero() {
        Scorecard empty = ReviewCompiler.compile(W47, List.of(), List.of(), Map.of());
        Scorecard emptyBefore = ReviewCompiler.compile(W46, List.of(), List.of(), Map.of());

        String text = formatter.format(new ScorecardComparison(empty, emptyBefore));

        assertThat(text).contains("• Median first response: *n/a*  Δ n/a\n");
        assertThat(text).contains("• Verified-resolution rate: *n/a* (0/0)  Δ n/a\n");
        assertThat(text).contains("• none sent\n");
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void duration_ranges_readable() {
        assertThat(ScorecardFormatter.duration(45)).isEqualTo("45s");
        assertThat(ScorecardFormatter.duration(450)).isEqualTo("7m 30s");
        assertThat(ScorecardFormatter.duration(3900)).isEqualTo("1h 05m");
        assertThat(ScorecardFormatter.duration(2 * 86_400 + 3 * 3600)).isEqualTo("2d 3h");
    }

    @Test
    void delta_tinyPercentChange_roundsToEqual() {
        Metric now = new Metric("k", "K", Metric.Kind.PERCENT, OptionalDouble.of(0.501), "");
        Metric before = new Metric("k", "K", Metric.Kind.PERCENT, OptionalDouble.of(0.5), "");

        assertThat(ScorecardFormatter.delta(new MetricChange(now, Optional.of(before)))).isEqualTo("= 0");
    }
}
