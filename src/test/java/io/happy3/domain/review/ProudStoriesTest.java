package io.happy3.domain.review;

import static io.happy3.domain.review.WeekFixture.ALICE;
import static io.happy3.domain.review.WeekFixture.BOB;
import static io.happy3.domain.review.WeekFixture.at;
import static io.happy3.domain.review.WeekFixture.issueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.UserRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProudStoriesTest {
    private final ProudStories stories = new ProudStories(WeekFixture.lookup());

    @Test
    void tell_gratitudeAndProudOnOneIssue_oneStoryNamingCustomerOutcomeAndTheAgentsWords() {
        List<ProudStory> told = stories.tell(List.of(
                bot("g1", "i1", ProudMoment.Source.CUSTOMER_GRATITUDE, "The customer thanked the team."),
                person("p1", "i1", BOB, "Alice stayed with it through month-end")));

        assertThat(told).hasSize(1);
        assertThat(told.get(0).who()).contains(ALICE);
        assertThat(told.get(0).text()).isEqualTo("Priya (Northwind) confirmed the fix (the nightly export in finance"
                + " by 8:00) and thanked Alice; 3 days later it still worked. “Alice stayed with it through month-end”"
                + " — Bob");
        assertThat(told.get(0).moments()).hasSize(2);
    }

    @Test
    void tell_regressionCaught_saysWhenTheFollowUpCaughtIt() {
        List<ProudStory> told = stories.tell(List.of(
                bot("r1", "i3", ProudMoment.Source.REGRESSION_CAUGHT, "A follow-up caught a regression.")));

        assertThat(told.get(0).text()).isEqualTo("The follow-up 3 days after the fix caught a regression.");
    }

    @Test
    void tell_promiseKept_namesAgentAndCustomer() {
        assertThat(stories.tell(List.of(bot("k1", "i4", ProudMoment.Source.PROMISE_KEPT, "kept"))).get(0).text())
                .isEqualTo("A promise kept on time.");
    }

    @Test
    void tell_proudWithoutIssue_textAsWritten() {
        ProudMoment own = new ProudMoment("p9", "T1", Optional.of(WeekFixture.CHANNEL), Optional.empty(),
                Optional.of(BOB), Optional.of(BOB), ProudMoment.Source.PROUD_COMMAND, "  Wrote the SSO runbook ",
                Optional.empty(), at(20, "12:00"), ProudMoment.Decision.NOMINATED, Optional.empty());

        List<ProudStory> told = stories.tell(List.of(own, person("p1", "i1", BOB, "Helped Priya")));

        assertThat(told).extracting(ProudStory::text).containsExactly("“Helped Priya” — Bob", "“Wrote the SSO runbook”");
    }

    @Test
    void tell_issueNoLongerFound_keepsTheBotSummary() {
        assertThat(stories.tell(List.of(bot("x1", "gone", ProudMoment.Source.LONG_ISSUE_CONFIRMED,
                "A long issue ended with the customer confirming."))).get(0).text())
                .isEqualTo("A long issue ended with the customer confirming.");
    }

    private static ProudMoment bot(String id, String issue, ProudMoment.Source source, String text) {
        return new ProudMoment(id, "T1", Optional.of(WeekFixture.CHANNEL), Optional.of(issueId(issue)),
                Optional.empty(), Optional.empty(), source, text, Optional.of("https://x.slack.com/t/" + issue),
                at(19, "12:00"), ProudMoment.Decision.NOMINATED, Optional.empty());
    }

    private static ProudMoment person(String id, String issue, UserRef by, String text) {
        return new ProudMoment(id, "T1", Optional.of(WeekFixture.CHANNEL), Optional.of(issueId(issue)),
                Optional.of(ALICE), Optional.of(by), ProudMoment.Source.PROUD_COMMAND, text, Optional.empty(),
                at(19, "13:00"), ProudMoment.Decision.NOMINATED, Optional.empty());
    }
}
