package io.happy3.adapter.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.happy3.domain.playbook.CheckInRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The playbook's {@code check_ins:} keys: read as written, and every mistake reported at its line and column. */
class CheckInRulesTest {
    private static final String STEPS = """
            steps:
              - id: first-response
                when: issue_opened
                after: 10m
                to: channel_agents
                nudge: "{customer} is waiting."
                actions: [on_it]
            """;
    private final YamlPlaybookLoader loader = new YamlPlaybookLoader();

    @Test
    void parse_issueExample_readsQuotaQuietConfirmedAndBounceBack() {
        String yaml = """
                id: default
                check_ins:
                  per_agent_per_week: 25      # the quota
                  quiet_after: 21d
                  after_confirmed: [14d, 30d]
                  after_bounce_back: true
                """ + STEPS;

        assertThat(loader.parse("team.yaml", yaml).checkIns()).contains(new CheckInRules(25,
                Optional.of(Duration.ofDays(21)), List.of(Duration.ofDays(14), Duration.ofDays(30)), true));
        assertThat(loader.parse("team.yaml", "id: plain\n" + STEPS).checkIns()).isEmpty();
    }

    @Test
    void parse_badCheckIns_reportsEachProblemWithFileLineAndColumn() {
        String yaml = """
                id: default
                check_ins:
                  per_agent_per_week: lots
                  quiet_after: three weeks
                  after_confirmed: [14d, 0d]
                  after_bounce_back: sometimes
                  call_them: true
                """ + STEPS;

        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> loader.parse("team.yaml", yaml));

        assertThat(thrown.problems()).extracting(PlaybookProblem::toString).containsExactlyInAnyOrder(
                "team.yaml:3:23: per_agent_per_week: expected a whole number from 1 to 500, got 'lots'",
                "team.yaml:4:16: quiet_after: 'three weeks' is not a duration; write a number and a unit: 30s, "
                        + "10m, 2h or 3d",
                "team.yaml:5:26: after_confirmed: must be longer than 0",
                "team.yaml:6:22: after_bounce_back: expected true or false, got 'sometimes'",
                "team.yaml:7:3: unknown key 'call_them' in check_ins; known keys: per_agent_per_week, quiet_after, "
                        + "after_confirmed, after_bounce_back");
    }
}
