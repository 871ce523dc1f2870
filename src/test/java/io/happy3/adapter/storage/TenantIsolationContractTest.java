package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One workspace never sees another's data, on every query path a user reaches: the review and its export (issues,
 * nudges and proud moments of a week), the App Home (an agent's issues and pending nudges), a message or customer
 * lookup behind an incoming event. The hard case is a Slack Connect channel: two workspaces see the same channel
 * id and the same user ids; a Teams tenant may reuse the ids too.
 */
class TenantIsolationContractTest extends StoreContract {
    private static final String SHARED_CHANNEL = "C-SHARED";
    private static final ChannelRef OURS = new ChannelRef(Platform.SLACK, "T1", SHARED_CHANNEL);
    private static final ChannelRef THEIRS = new ChannelRef(Platform.SLACK, "T2", SHARED_CHANNEL);
    private static final ChannelRef TEAMS_TWIN = new ChannelRef(Platform.TEAMS, "T1", SHARED_CHANNEL);
    private static final Instant WEEK_START = T0.minus(Duration.ofDays(1));
    private static final Instant WEEK_END = T0.plus(Duration.ofDays(6));

    private static UserRef user(ChannelRef channel, String id) {
        return new UserRef(channel.platform(), channel.tenant(), id);
    }

    private static Issue engagedIssue(ChannelRef channel) {
        return Issue.open(new MessageRef(channel, "m1"), user(channel, "U-CUSTOMER"), PlaybookId.DEFAULT, T0)
                .record(IssueEvent.of(IssueEventType.AGENT_REPLIED, T0.plusSeconds(30), user(channel, "U-AGENT"),
                        "m2", "agent"), IssueState.ENGAGED);
    }

    private static Nudge nudge(ChannelRef channel) {
        NudgeKey key = new NudgeKey(IssueId.of(new MessageRef(channel, "m1")), new StepId("first-response"), 0, 0, user(channel, "U-AGENT"));
        return Nudge.planned(key, channel, PlaybookId.DEFAULT, T0, T0.plusSeconds(600), T0.plus(Duration.ofDays(1)), T0);
    }

    private static ProudMoment moment(ChannelRef channel) {
        return new ProudMoment("p-" + channel.platform() + "-" + channel.tenant(), channel.tenant(),
                Optional.of(channel), Optional.of(IssueId.of(new MessageRef(channel, "m1"))), Optional.of(user(channel, "U-AGENT")),
                Optional.empty(), ProudMoment.Source.CUSTOMER_GRATITUDE, "Thanked after the fix", Optional.empty(),
                T0.plusSeconds(900), ProudMoment.Decision.NOMINATED, Optional.empty());
    }

    private static List<String> tenants(List<Issue> issues) {
        return issues.stream().map(issue -> issue.channel().platform() + "/" + issue.channel().tenant()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void review_weekOfOneWorkspace_countsOnlyItsIssues(Backend backend) {
        IssueStore store = backend.issueStore();
        List.of(OURS, THEIRS).forEach(channel -> store.save(engagedIssue(channel)));

        assertThat(tenants(store.findActiveBetween("T1", WEEK_START, WEEK_END))).containsExactly("SLACK/T1");
        assertThat(tenants(store.findActiveBetween("T2", WEEK_START, WEEK_END))).containsExactly("SLACK/T2");
        assertThat(store.findActiveBetween("T3", WEEK_START, WEEK_END)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void review_nudgeAnalyticsAndProudMoments_onlyTheAskingWorkspaces(Backend backend) {
        NudgeStore nudges = backend.nudgeStore();
        ProudMomentStore moments = backend.proudMomentStore();
        List.of(OURS, THEIRS).forEach(channel -> {
            nudges.schedule(nudge(channel));
            moments.add(moment(channel));
        });

        assertThat(nudges.findDueBetween("T1", WEEK_START, WEEK_END)).extracting(Nudge::channel)
                .containsExactly(OURS);
        assertThat(moments.findBetween("T2", WEEK_START, WEEK_END)).extracting(ProudMoment::channel)
                .containsExactly(Optional.of(THEIRS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void appHome_sameUserIdInAnotherWorkspaceOrOnTeams_seesNoneOfItsIssuesOrNudges(Backend backend) {
        IssueStore issues = backend.issueStore();
        NudgeStore nudges = backend.nudgeStore();
        List.of(OURS, THEIRS, TEAMS_TWIN).forEach(channel -> {
            issues.save(engagedIssue(channel));
            nudges.schedule(nudge(channel));
        });

        for (ChannelRef channel : List.of(OURS, THEIRS, TEAMS_TWIN)) {
            UserRef agent = user(channel, "U-AGENT");
            assertThat(issues.findActiveOfAgent(agent)).as("issues of %s", agent).extracting(Issue::channel)
                    .containsExactly(channel);
            assertThat(nudges.findInbox(agent)).as("nudges of %s", agent).extracting(Nudge::channel)
                    .containsExactly(channel);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void incomingEvent_sameChannelAndMessageIds_findsOnlyItsOwnWorkspacesIssue(Backend backend) {
        IssueStore store = backend.issueStore();
        store.save(engagedIssue(OURS));

        assertThat(store.findByMessage(new MessageRef(THEIRS, "m1"))).isEmpty();
        assertThat(store.findByMessage(new MessageRef(TEAMS_TWIN, "m1"))).isEmpty();
        assertThat(store.findByCustomer(THEIRS, user(THEIRS, "U-CUSTOMER"), WEEK_START)).isEmpty();
        assertThat(store.findByMessage(new MessageRef(OURS, "m1"))).map(Issue::channel).contains(OURS);
        assertThat(store.findByCustomer(OURS, user(OURS, "U-CUSTOMER"), WEEK_START)).hasSize(1);
    }
}
