package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.CUSTOMER;
import static io.happy3.adapter.storage.Fixtures.T0;
import static io.happy3.adapter.storage.Fixtures.issue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueChangedConcurrentlyException;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IssueStoreContractTest extends StoreContract {
    private static Issue confirmedIssue() {
        return issue("m1", T0)
                .record(IssueEvent.of(IssueEventType.AGENT_REPLIED, T0.plusSeconds(60), AGENT, "m2", "agent"),
                        IssueState.ENGAGED)
                .record(IssueEvent.promise(T0.plusSeconds(120), AGENT, "m3", "builtin:promise",
                        T0.plus(Duration.ofDays(1))), IssueState.ENGAGED)
                .record(IssueEvent.confirmed(T0.plusSeconds(180), CUSTOMER, "m4", "builtin:works-now",
                        Evidence.CUSTOMER_WORDS), IssueState.CONFIRMED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void save_issueWithHistory_findReturnsEqualIssue(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue issue = confirmedIssue();

        store.save(issue);

        assertThat(store.find(issue.id())).contains(issue.atVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findAll_manyIdsSomeUnknown_returnsEachStoredIssueWithItsHistory(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue confirmed = confirmedIssue();
        store.save(confirmed);
        java.util.List<io.happy3.domain.issue.IssueId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) { // more than one query's worth of ids
            Issue opened = issue("n" + i, T0.plusSeconds(i));
            store.save(opened);
            ids.add(opened.id());
        }
        ids.add(confirmed.id());
        ids.add(issue("never-stored", T0).id());

        java.util.Map<io.happy3.domain.issue.IssueId, Issue> found = store.findAll(ids);

        assertThat(found).hasSize(601).doesNotContainKey(issue("never-stored", T0).id());
        assertThat(found.get(confirmed.id())).isEqualTo(confirmed.atVersion(1));
        assertThat(found.get(ids.get(599))).isEqualTo(issue("n599", T0.plusSeconds(599)).atVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void save_sameIssueAgain_replacesStateAndHistory(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue opened = issue("m1", T0);
        store.save(opened);
        Issue engaged = store.find(opened.id()).orElseThrow().record(IssueEvent.of(IssueEventType.AGENT_REPLIED,
                T0.plusSeconds(5), AGENT, "m2", "agent"), IssueState.ENGAGED);

        store.save(engaged);

        assertThat(store.find(opened.id())).contains(engaged.atVersion(2));
        assertThat(store.findActive()).containsExactly(engaged.atVersion(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void save_basedOnAnOlderRead_isRefusedAndKeepsTheOtherWritersHistory(Backend backend) {
        IssueStore store = backend.issueStore();
        store.save(issue("m1", T0).record(IssueEvent.of(IssueEventType.RESOLUTION_PROPOSED, T0.plusSeconds(5), AGENT, "m2",
                "builtin:fixed"),
                IssueState.RESOLUTION_PROPOSED));
        Issue readByReaction = store.find(Fixtures.issue("m1", T0).id()).orElseThrow();
        Issue readByMessage = store.find(readByReaction.id()).orElseThrow();
        Issue confirmed = readByReaction.record(IssueEvent.confirmed(T0.plusSeconds(60), CUSTOMER, "m2",
                "reaction:white_check_mark", Evidence.CUSTOMER_REACTION), IssueState.CONFIRMED);
        store.save(confirmed);

        Issue replied = readByMessage.record(IssueEvent.of(IssueEventType.AGENT_REPLIED, T0.plusSeconds(61), AGENT,
                "m3", "agent"), IssueState.RESOLUTION_PROPOSED);

        assertThatThrownBy(() -> store.save(replied)).isInstanceOf(IssueChangedConcurrentlyException.class)
                .hasMessageContaining("changed since version 1");
        assertThat(store.find(confirmed.id())).contains(confirmed.atVersion(2));
    }

    Stream<Backend> databases() {
        return backends().filter(backend -> backend.database() != null);
    }

    /** The issue after {@code replies} agent replies m2, m3, …, each at one more second. */
    private static Issue replied(Issue issue, int from, int replies) {
        Issue result = issue;
        for (int i = from; i < from + replies; i++) {
            result = result.record(IssueEvent.of(IssueEventType.AGENT_REPLIED, T0.plusSeconds(i), AGENT, "m" + i,
                    "agent"), IssueState.ENGAGED);
        }
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void save_twoReplicasTakingTurns_keepEveryEventOnceInOrder(Backend backend) {
        IssueStore first = backend.issueStore();
        IssueStore second = backend.issueStore();
        first.save(issue("m1", T0));
        for (int turn = 0; turn < 4; turn++) {
            IssueStore writer = turn % 2 == 0 ? first : second;
            writer.save(replied(writer.find(issue("m1", T0).id()).orElseThrow(), 2 + 2 * turn, 2));
        }

        Issue stored = second.find(issue("m1", T0).id()).orElseThrow();
        assertThat(stored.history()).isEqualTo(replied(issue("m1", T0), 2, 8).history());
        assertThat(first.find(stored.id())).contains(stored);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void save_issueStoredBeforeEventsWereCounted_keepsItsWholeHistory(Backend backend) throws Exception {
        IssueStore store = backend.issueStore();
        store.save(replied(issue("m1", T0), 2, 3));
        try (var connection = backend.database().database().dataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.executeUpdate("update issues set event_count = null"); // a row written before V22
        }

        store.save(replied(store.find(issue("m1", T0).id()).orElseThrow(), 5, 1));

        assertThat(store.find(issue("m1", T0).id()).orElseThrow().history())
                .isEqualTo(replied(issue("m1", T0), 2, 4).history());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void save_newIssueThatAnotherWriterCreatedFirst_isRefused(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue first = issue("m1", T0).record(IssueEvent.of(IssueEventType.AGENT_REPLIED, T0.plusSeconds(5), AGENT,
                "m2", "agent"), IssueState.ENGAGED);
        store.save(first);

        assertThatThrownBy(() -> store.save(issue("m1", T0))).isInstanceOf(IssueChangedConcurrentlyException.class);
        assertThat(store.find(first.id())).contains(first.atVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findByMessage_replyOrRoot_findsTheIssueOnlyInItsChannel(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue issue = confirmedIssue();
        store.save(issue);
        ChannelRef otherChannel = new ChannelRef(Platform.SLACK, "T1", "C-OTHER");

        assertThat(store.findByMessage(new MessageRef(CHANNEL, "m1"))).contains(issue.atVersion(1));
        assertThat(store.findByMessage(new MessageRef(CHANNEL, "m3"))).contains(issue.atVersion(1));
        assertThat(store.findByMessage(new MessageRef(CHANNEL, "m9"))).isEmpty();
        assertThat(store.findByMessage(new MessageRef(otherChannel, "m1"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findByCustomer_since_returnsLaterIssuesOldestFirst(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue old = issue("m1", T0);
        Issue middle = issue("m2", T0.plus(Duration.ofDays(3)));
        Issue recent = issue("m3", T0.plus(Duration.ofDays(5)));
        store.save(recent);
        store.save(old);
        store.save(middle);

        assertThat(store.findByCustomer(CHANNEL, CUSTOMER, T0.plus(Duration.ofDays(1))))
                .containsExactly(middle.atVersion(1), recent.atVersion(1));
        assertThat(store.findByCustomer(CHANNEL, AGENT, T0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActiveBetween_window_returnsIssuesTouchingIt(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue before = issue("m1", T0.minus(Duration.ofDays(10)));
        Issue during = issue("m2", T0.plus(Duration.ofDays(1)));
        Issue after = issue("m3", T0.plus(Duration.ofDays(8)));
        store.save(before);
        store.save(during);
        store.save(after);

        assertThat(store.findActiveBetween("T1", T0, T0.plus(Duration.ofDays(7)))).containsExactly(during.atVersion(1));
        assertThat(store.findActiveBetween("T2", T0, T0.plus(Duration.ofDays(7)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActiveBetween_channel_returnsThatChannelsIssuesWithTheirHistoriesOldestFirst(Backend backend) {
        IssueStore store = backend.issueStore();
        ChannelRef other = new ChannelRef(Platform.SLACK, "T1", "C-OTHER");
        Issue later = confirmedIssue();
        Issue earlier = issue("m0", T0.minus(Duration.ofDays(1))).record(IssueEvent.of(IssueEventType.AGENT_REPLIED,
                T0.plusSeconds(30), AGENT, "m0.1", "agent"), IssueState.ENGAGED);
        Issue elsewhere = Issue.open(new MessageRef(other, "m1"), CUSTOMER, later.playbookId(), T0);
        store.save(later);
        store.save(elsewhere);
        store.save(earlier);

        assertThat(store.findActiveBetween(CHANNEL, T0, T0.plus(Duration.ofDays(7))))
                .containsExactly(earlier.atVersion(1), later.atVersion(1));
        assertThat(store.findActiveBetween(other, T0, T0.plus(Duration.ofDays(7)))).containsExactly(elsewhere.atVersion(1));
        assertThat(store.findActiveBetween(new ChannelRef(Platform.TEAMS, "T1", "C-SUPPORT"), T0,
                T0.plus(Duration.ofDays(7)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActiveBetween_moreIssuesThanOneHistoryQueryReads_returnsEveryIssueWithItsWholeHistory(Backend backend) {
        IssueStore store = backend.issueStore();
        java.util.List<Issue> saved = new java.util.ArrayList<>();
        for (int index = 0; index < 1_201; index++) {
            Instant opened = T0.plusSeconds(index);
            Issue issue = issue("m" + index, opened)
                    .record(IssueEvent.of(IssueEventType.AGENT_REPLIED, opened.plusSeconds(5), AGENT, "a" + index,
                            "agent"), IssueState.ENGAGED)
                    .record(IssueEvent.of(IssueEventType.CUSTOMER_REPLIED, opened.plusSeconds(9), CUSTOMER, "c" + index,
                            "customer"), IssueState.ENGAGED);
            store.save(issue);
            saved.add(issue.atVersion(1));
        }

        assertThat(store.findActiveBetween("T1", T0, T0.plus(Duration.ofDays(1)))).containsExactlyElementsOf(saved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActive_confirmedAndOpenIssues_returnsOnlyOpen(Backend backend) {
        IssueStore store = backend.issueStore();
        Issue open = issue("m9", T0);
        store.save(confirmedIssue());
        store.save(open);

        assertThat(store.findActive()).containsExactly(open.atVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActiveQuietSince_returnsTheActiveIssuesWithNoLaterActivityOnly(Backend backend) {
        IssueStore store = backend.issueStore();
        Instant cutoff = T0.plus(Duration.ofDays(1));
        Issue quiet = issue("m5", T0);
        Issue quietUntilTheCutoff = issue("m6", cutoff);
        store.save(quiet);
        store.save(quietUntilTheCutoff);
        store.save(issue("m7", cutoff.plusSeconds(1)));
        store.save(confirmedIssue());

        assertThat(store.findActiveQuietSince(cutoff)).containsExactly(quiet.atVersion(1),
                quietUntilTheCutoff.atVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActiveOfAgent_issuesOfTwoAgents_returnsOnlyTheAgentsActiveIssuesOldestFirst(Backend backend) {
        IssueStore store = backend.issueStore();
        UserRef otherAgent = new UserRef(Platform.SLACK, "T1", "U-OTHER");
        Issue later = engagedBy(issue("m5", T0.plusSeconds(600)), AGENT);
        Issue earlier = engagedBy(issue("m6", T0.plusSeconds(300)), AGENT);
        Issue others = engagedBy(issue("m7", T0), otherAgent);
        store.save(later);
        store.save(confirmedIssue());
        store.save(others);
        store.save(earlier);
        store.save(issue("m8", T0));

        assertThat(store.findActiveOfAgent(AGENT)).containsExactly(earlier.atVersion(1), later.atVersion(1));
        assertThat(store.findActiveOfAgent(otherAgent)).containsExactly(others.atVersion(1));
        assertThat(store.findActiveOfAgent(new UserRef(Platform.TEAMS, "T1", "U-AGENT"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findActiveBetweenOfAgent_andLatestActivity_readOnlyTheAgentsIssuesAndEachCustomersLatestAnywhere(
            Backend backend) {
        IssueStore store = backend.issueStore();
        UserRef otherAgent = new UserRef(Platform.SLACK, "T1", "U-OTHER");
        UserRef quiet = new UserRef(Platform.SLACK, "T1", "U-QUIET");
        Issue mine = engagedBy(issue("m5", T0), AGENT);
        Issue withOther = engagedBy(issue("m6", T0.plusSeconds(3600)), otherAgent); // the same customer, later
        Issue oldMine = engagedBy(issue("m7", T0.minus(Duration.ofDays(200))), AGENT);
        store.save(mine);
        store.save(withOther);
        store.save(oldMine);

        assertThat(store.findActiveBetween("T1", T0.minus(Duration.ofDays(120)), T0.plus(Duration.ofDays(1)), AGENT))
                .containsExactly(mine.atVersion(1));
        assertThat(store.findLatestActivity("T1", java.util.List.of(CUSTOMER, quiet), T0.plus(Duration.ofDays(1))))
                .containsOnly(java.util.Map.entry(CUSTOMER, withOther.lastActivityAt()));
        assertThat(store.findLatestActivity("T2", java.util.List.of(CUSTOMER), T0.plus(Duration.ofDays(1))))
                .isEmpty();
    }

    private static Issue engagedBy(Issue issue, UserRef agent) {
        return issue.record(IssueEvent.of(IssueEventType.AGENT_REPLIED, issue.openedAt().plusSeconds(30), agent,
                issue.root().id() + "-reply", "agent"), IssueState.ENGAGED);
    }
}
