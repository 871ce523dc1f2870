package io.happy3.domain.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssueTrackerTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");
    private static final UserRef AGENT = new UserRef(Platform.SLACK, "T1", "UAGENT");
    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");

    private final IssueTracker tracker = new IssueTracker();

    private static MessageFacts customer(String id, Instant at, Signal... signals) {
        return facts(CUSTOMER, Role.CUSTOMER, id, at, signals);
    }

    private static MessageFacts agent(String id, Instant at, Signal... signals) {
        return facts(AGENT, Role.AGENT, id, at, signals);
    }

    private static MessageFacts facts(UserRef who, Role role, String id, Instant at, Signal... signals) {
        Optional<String> root = id.equals("root") ? Optional.empty() : Optional.of("root");
        List<DetectedSignal> found = java.util.Arrays.stream(signals)
                .map(signal -> signal == Signal.PROMISE_MADE
                        ? new DetectedSignal(signal, "test:promise", Optional.of(at.plus(Duration.ofDays(1))))
                        : DetectedSignal.of(signal, "test:" + signal.wireName()))
                .toList();
        return new MessageFacts(new MessageRef(CHANNEL, id), who, role, root, at, found, false);
    }

    private Issue opened() {
        return tracker.onMessage(Optional.empty(), customer("root", T0), PlaybookId.DEFAULT, List.of()).orElseThrow().issue();
    }

    private Issue apply(Issue issue, MessageFacts facts) {
        return tracker.onMessage(Optional.of(issue), facts, PlaybookId.DEFAULT, List.of()).orElseThrow().issue();
    }

    @Test
    void stateBefore_everyPointOfALongLife_isTheStateTheTrackerHadThen() {
        List<Issue> steps = new java.util.ArrayList<>();
        Issue issue = opened();
        steps.add(issue);
        steps.add(issue = apply(issue, agent("a1", T0.plusSeconds(60))));
        steps.add(issue = apply(issue, agent("a2", T0.plusSeconds(120), Signal.RESOLUTION_PROPOSED)));
        steps.add(issue = tracker.onAgentAnswer(issue, AGENT, AgentAnswer.NOT_RESOLVED, T0.plusSeconds(180))
                .orElseThrow().issue());
        steps.add(issue = apply(issue, customer("c1", T0.plusSeconds(240), Signal.CUSTOMER_CONFIRMED)));
        steps.add(issue = apply(issue, customer("c2", T0.plusSeconds(300), Signal.STILL_BROKEN)));
        steps.add(issue = tracker.onQuietCheck(issue, T0.plus(Duration.ofDays(8)), Duration.ofDays(7))
                .orElseThrow().issue());
        steps.add(issue = apply(issue, customer("c3", T0.plus(Duration.ofDays(9)))));
        steps.add(issue = tracker.onReaction(issue, CUSTOMER, Role.CUSTOMER, Reaction.CONFIRM, "a2",
                T0.plus(Duration.ofDays(10))).orElseThrow().issue());
        steps.add(issue = apply(issue, agent("a3", T0.plus(Duration.ofDays(12)))));
        Issue last = issue;

        for (int i = 0; i < steps.size() - 1; i++) {
            Instant nextChange = steps.get(i + 1).lastActivityAt();
            assertThat(last.stateBefore(nextChange)).as("before step " + (i + 1)).isEqualTo(steps.get(i).state());
        }
        assertThat(last.state()).isEqualTo(IssueState.FOLLOWED_UP);
        assertThat(last.stateBefore(T0.plus(Duration.ofDays(30)))).isEqualTo(IssueState.FOLLOWED_UP);
    }

    @Test
    void onMessage_customerTopLevel_opensIssue() {
        Transition opened = tracker.onMessage(Optional.empty(), customer("root", T0), PlaybookId.DEFAULT, List.of())
                .orElseThrow();

        assertThat(opened.issue().state()).isEqualTo(IssueState.OPEN);
        assertThat(opened.issue().customer()).isEqualTo(CUSTOMER);
        assertThat(opened.events()).extracting(IssueEvent::type).containsExactly(IssueEventType.ISSUE_OPENED);
    }

    @Test
    void onMessage_agentTopLevelOrUntrackedReply_opensNothing() {
        assertThat(tracker.onMessage(Optional.empty(), agent("root", T0), PlaybookId.DEFAULT, List.of())).isEmpty();
        assertThat(tracker.onMessage(Optional.empty(), customer("reply", T0), PlaybookId.DEFAULT, List.of())).isEmpty();
    }

    @Test
    void onMessage_agentReplies_engagesAndRecordsFirstResponse() {
        Issue engaged = apply(opened(), agent("a1", T0.plusSeconds(300)));

        assertThat(engaged.state()).isEqualTo(IssueState.ENGAGED);
        assertThat(engaged.agent()).contains(AGENT);
        assertThat(engaged.firstResponseTime()).contains(Duration.ofMinutes(5));
    }

    @Test
    void onMessage_agentClaimsFix_proposesResolution() {
        Issue proposed = apply(apply(opened(), agent("a1", T0.plusSeconds(60))),
                agent("a2", T0.plusSeconds(600), Signal.RESOLUTION_PROPOSED));

        assertThat(proposed.state()).isEqualTo(IssueState.RESOLUTION_PROPOSED);
        assertThat(proposed.last(IssueEventType.RESOLUTION_PROPOSED).orElseThrow().rule())
                .isEqualTo("test:resolution_proposed");
    }

    @Test
    void onMessage_customerConfirmsAfterClaim_confirmedWithCustomerWords() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));
        Issue confirmed = apply(proposed, customer("c1", T0.plusSeconds(900), Signal.CUSTOMER_CONFIRMED));

        assertThat(confirmed.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(confirmed.last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.CUSTOMER_WORDS);
        assertThat(confirmed.events(IssueEventType.RESOLUTION_PROPOSED)).hasSize(1);
    }

    @Test
    void onMessage_customerConfirmsWithoutClaim_countsAnImpliedProposal() {
        Issue engaged = apply(opened(), agent("a1", T0.plusSeconds(60)));
        Issue confirmed = apply(engaged, customer("c1", T0.plusSeconds(900), Signal.CUSTOMER_CONFIRMED));

        assertThat(confirmed.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(confirmed.events(IssueEventType.RESOLUTION_PROPOSED)).singleElement()
                .extracting(IssueEvent::rule).isEqualTo("implied-by-confirmation");
    }

    @Test
    void onMessage_stillBrokenAfterClaim_reopens() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));
        Issue reopened = apply(proposed, customer("c1", T0.plusSeconds(900), Signal.STILL_BROKEN,
                Signal.GRATITUDE));

        assertThat(reopened.state()).isEqualTo(IssueState.REOPENED);
        assertThat(reopened.has(IssueEventType.CUSTOMER_CONFIRMED)).isFalse();
        assertThat(reopened.has(IssueEventType.GRATITUDE)).isTrue();
    }

    @Test
    void onMessage_stillBrokenAfterConfirmation_reopensAConfirmedIssue() {
        Issue confirmed = apply(apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED)),
                customer("c1", T0.plusSeconds(900), Signal.CUSTOMER_CONFIRMED));
        Issue reopened = apply(confirmed, customer("c2", T0.plus(Duration.ofDays(2)), Signal.STILL_BROKEN));

        assertThat(reopened.state()).isEqualTo(IssueState.REOPENED);
    }

    @Test
    void onMessage_stillBrokenBeforeAnyClaim_isJustAReply() {
        Issue engaged = apply(opened(), agent("a1", T0.plusSeconds(60)));
        Issue replied = apply(engaged, customer("c1", T0.plusSeconds(900), Signal.STILL_BROKEN));

        assertThat(replied.state()).isEqualTo(IssueState.ENGAGED);
        assertThat(replied.last(IssueEventType.CUSTOMER_REPLIED)).isPresent();
    }

    @Test
    void onMessage_agentChecksBackDaysAfterConfirmation_followsUp() {
        Issue confirmed = apply(apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED)),
                customer("c1", T0.plusSeconds(900), Signal.CUSTOMER_CONFIRMED));
        Issue soon = apply(confirmed, agent("a2", T0.plusSeconds(1200)));
        Issue later = apply(confirmed, agent("a3", T0.plus(Duration.ofDays(3))));

        assertThat(soon.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(later.state()).isEqualTo(IssueState.FOLLOWED_UP);
    }

    @Test
    void onMessage_agentPromises_recordsDueTime() {
        Issue promised = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.PROMISE_MADE));

        assertThat(promised.last(IssueEventType.PROMISE_MADE).orElseThrow().due())
                .contains(T0.plusSeconds(60).plus(Duration.ofDays(1)));
    }

    @Test
    void onMessage_replayedEditWithSameSignals_recordsNothingNew() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));
        MessageFacts edit = new MessageFacts(new MessageRef(CHANNEL, "a1"), AGENT, Role.AGENT, Optional.of("root"),
                T0.plusSeconds(120), List.of(DetectedSignal.of(Signal.RESOLUTION_PROPOSED, "x")), true);

        assertThat(tracker.onMessage(Optional.of(proposed), edit, PlaybookId.DEFAULT, List.of())).isEmpty();
    }

    @Test
    void onMessage_sameCustomerBackWithin14Days_recordsBounceBack() {
        Issue confirmed = apply(apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED)),
                customer("c1", T0.plusSeconds(900), Signal.CUSTOMER_CONFIRMED));
        MessageFacts again = new MessageFacts(new MessageRef(CHANNEL, "root2"), CUSTOMER, Role.CUSTOMER, Optional.empty(),
                T0.plus(Duration.ofDays(5)), List.of(), false);
        MessageFacts muchLater = new MessageFacts(new MessageRef(CHANNEL, "root3"), CUSTOMER, Role.CUSTOMER, Optional.empty(),
                T0.plus(Duration.ofDays(20)), List.of(), false);

        assertThat(tracker.onMessage(Optional.empty(), again, PlaybookId.DEFAULT, List.of(confirmed)).orElseThrow()
                .recorded(IssueEventType.BOUNCE_BACK)).isTrue();
        assertThat(tracker.onMessage(Optional.empty(), muchLater, PlaybookId.DEFAULT, List.of(confirmed)).orElseThrow()
                .recorded(IssueEventType.BOUNCE_BACK)).isFalse();
    }

    @Test
    void onReaction_customerCheckmark_confirmsWithReactionEvidence() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));

        Issue confirmed = tracker.onReaction(proposed, CUSTOMER, Role.CUSTOMER, Reaction.CONFIRM, "a1",
                T0.plusSeconds(600)).orElseThrow().issue();

        assertThat(confirmed.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(confirmed.last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.CUSTOMER_REACTION);
    }

    @Test
    void onReaction_agentCheckmarkOrStar_changesNothing() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));

        assertThat(tracker.onReaction(proposed, AGENT, Role.AGENT, Reaction.CONFIRM, "a1", T0)).isEmpty();
        assertThat(tracker.onReaction(proposed, CUSTOMER, Role.CUSTOMER, Reaction.STAR, "a1", T0)).isEmpty();
    }

    @Test
    void onAgentAnswer_customerConfirmed_isAgentAttested() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));

        Issue confirmed = tracker.onAgentAnswer(proposed, AGENT, AgentAnswer.CUSTOMER_CONFIRMED,
                T0.plusSeconds(7200)).orElseThrow().issue();

        assertThat(confirmed.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(confirmed.last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.AGENT_ATTESTED);
    }

    @Test
    void onAgentAnswer_notResolved_withdrawsTheClaim() {
        Issue proposed = apply(opened(), agent("a1", T0.plusSeconds(60), Signal.RESOLUTION_PROPOSED));

        Issue withdrawn = tracker.onAgentAnswer(proposed, AGENT, AgentAnswer.NOT_RESOLVED, T0.plusSeconds(7200))
                .orElseThrow().issue();

        assertThat(withdrawn.state()).isEqualTo(IssueState.ENGAGED);
        assertThat(withdrawn.has(IssueEventType.RESOLUTION_WITHDRAWN)).isTrue();
    }

    @Test
    void onAgentAnswer_followedUpOnConfirmed_movesToFollowedUp() {
        Issue confirmed = tracker.onAgentAnswer(apply(opened(), agent("a1", T0.plusSeconds(60))), AGENT,
                AgentAnswer.CUSTOMER_CONFIRMED, T0.plusSeconds(600)).orElseThrow().issue();

        Issue followed = tracker.onAgentAnswer(confirmed, AGENT, AgentAnswer.FOLLOWED_UP,
                T0.plus(Duration.ofDays(3))).orElseThrow().issue();

        assertThat(followed.state()).isEqualTo(IssueState.FOLLOWED_UP);
        assertThat(tracker.onAgentAnswer(opened(), AGENT, AgentAnswer.FOLLOWED_UP, T0)).isEmpty();
    }

    @Test
    void onMessage_customerSaysBrokenAfterFollowUp_reopens() {
        Issue confirmed = tracker.onAgentAnswer(apply(opened(), agent("a1", T0.plusSeconds(60))), AGENT,
                AgentAnswer.CUSTOMER_CONFIRMED, T0.plusSeconds(600)).orElseThrow().issue();
        Issue followed = tracker.onAgentAnswer(confirmed, AGENT, AgentAnswer.FOLLOWED_UP,
                T0.plus(Duration.ofDays(3))).orElseThrow().issue();

        Issue regression = apply(followed, customer("c9", T0.plus(Duration.ofDays(3)).plusSeconds(60),
                Signal.STILL_BROKEN));

        assertThat(regression.state()).isEqualTo(IssueState.REOPENED);
    }

    @Test
    void onQuietCheck_quietPastStalePeriod_closesUnverified() {
        Issue engaged = apply(opened(), agent("a1", T0.plusSeconds(60)));

        assertThat(tracker.onQuietCheck(engaged, T0.plus(Duration.ofDays(6)), Duration.ofDays(7))).isEmpty();
        Issue stale = tracker.onQuietCheck(engaged, T0.plus(Duration.ofDays(8)), Duration.ofDays(7))
                .orElseThrow().issue();
        assertThat(stale.state()).isEqualTo(IssueState.STALE);
    }

    @Test
    void onQuietCheck_confirmedIssue_neverGoesStale() {
        Issue confirmed = tracker.onAgentAnswer(opened(), AGENT, AgentAnswer.CUSTOMER_CONFIRMED, T0.plusSeconds(60))
                .orElseThrow().issue();

        assertThat(tracker.onQuietCheck(confirmed, T0.plus(Duration.ofDays(30)), Duration.ofDays(7))).isEmpty();
    }

    @Test
    void onMessage_customerWritesInStaleIssue_revivesIt() {
        Issue stale = tracker.onQuietCheck(apply(opened(), agent("a1", T0.plusSeconds(60))),
                T0.plus(Duration.ofDays(8)), Duration.ofDays(7)).orElseThrow().issue();

        Issue revived = apply(stale, customer("c1", T0.plus(Duration.ofDays(9))));

        assertThat(revived.state()).isEqualTo(IssueState.ENGAGED);
    }

    @Test
    void onRootDeleted_unanswered_closesIssue() {
        Issue closed = tracker.onRootDeleted(opened(), T0.plusSeconds(30)).orElseThrow().issue();

        assertThat(closed.state()).isEqualTo(IssueState.STALE);
        assertThat(closed.has(IssueEventType.ROOT_DELETED)).isTrue();
    }
}
