package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.T0;
import static io.happy3.adapter.storage.Fixtures.nudge;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NudgeStoreContractTest extends StoreContract {
    private static final Duration LEASE = Duration.ofMinutes(2);

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void schedule_sameKeyTwice_storesOneNudge(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge nudge = nudge("k1", T0);

        assertThat(store.schedule(nudge)).isTrue();
        assertThat(store.schedule(nudge("k1", T0.plusSeconds(60)))).isFalse();

        assertThat(store.find(nudge.id())).contains(nudge);
        assertThat(store.findByIssue(nudge.issueId())).containsExactly(nudge);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void scheduleAll_oneKeyStoredBefore_storesTheOthersAndReturnsThem(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge before = nudge("k2", T0);
        store.schedule(before);
        Nudge first = nudge("k1", T0);
        Nudge third = nudge("k3", T0.plusSeconds(1));

        assertThat(store.scheduleAll(List.of(first, nudge("k2", T0.plusSeconds(60)), third)))
                .containsExactly(first, third);

        assertThat(List.of(first, before, third)).allSatisfy(nudge -> assertThat(store.find(nudge.id())).contains(nudge));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void updateAll_threeNudges_writesEachOnesNewState(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        List<Nudge> nudges = List.of(nudge("k1", T0), nudge("k2", T0), nudge("k3", T0));
        store.scheduleAll(nudges);

        store.updateAll(List.of(nudges.get(0).withStatus(NudgeStatus.CANCELLED),
                nudges.get(2).answered("on_it", NudgeStatus.ACTED)));

        assertThat(nudges).extracting(nudge -> store.find(nudge.id()).orElseThrow().status())
                .containsExactly(NudgeStatus.CANCELLED, NudgeStatus.PENDING, NudgeStatus.ACTED);
        assertThat(store.find(nudges.get(2).id()).orElseThrow().action()).contains("on_it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void claimDue_dueAndFutureNudges_claimsDueOnesOldestFirstUpToLimit(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge second = nudge("k2", T0.minusSeconds(10));
        Nudge first = nudge("k1", T0.minusSeconds(20));
        Nudge third = nudge("k3", T0);
        store.schedule(second);
        store.schedule(first);
        store.schedule(third);
        store.schedule(nudge("future", T0.plusSeconds(1)));

        assertThat(store.claimDue("a", 2, T0, LEASE)).containsExactly(first, second);
        assertThat(store.claimDue("a", 10, T0, LEASE)).containsExactly(third);
        assertThat(store.claimDue("a", 10, T0, LEASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void updateClaimed_leaseTakenOverByB_slowOwnerACannotMarkItSentAgain(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge nudge = nudge("k1", T0);
        store.schedule(nudge);
        store.claimDue("owner-a#1", 10, T0, LEASE);
        store.claimDue("owner-b#1", 10, T0.plus(LEASE), LEASE);

        assertThat(store.renew("owner-a#1", List.of(nudge.id()), T0.plus(LEASE).plus(LEASE))).isEmpty();
        assertThat(store.updateClaimed(nudge.sent(T0.plus(LEASE), false), "owner-b#1")).isTrue();
        assertThat(store.updateClaimed(nudge.sent(T0.plus(LEASE).plusSeconds(5), true), "owner-a#1")).isFalse();

        assertThat(store.find(nudge.id()).orElseThrow().sentAt()).contains(T0.plus(LEASE));
        assertThat(store.find(nudge.id()).orElseThrow().late()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void updateClaimedBatch_oneOfThreeTakenOver_marksOnlyTheTwoStillHeldSent(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge first = nudge("k1", T0);
        Nudge second = nudge("k2", T0.plusSeconds(1));
        Nudge third = nudge("k3", T0.plusSeconds(2));
        List.of(first, second, third).forEach(store::schedule);
        store.claimDue("owner-a#1", 10, T0.plusSeconds(2), LEASE);
        store.claimDue("owner-b#1", 1, T0.plus(LEASE).plusSeconds(2), LEASE); // takes over the first only
        store.renew("owner-a#1", List.of(second.id(), third.id()), T0.plus(LEASE).plus(LEASE));
        store.updateClaimed(first.sent(T0.plus(LEASE), false), "owner-b#1");

        List<NudgeId> written = store.updateClaimed(List.of(first.sent(T0.plus(LEASE).plusSeconds(9), true),
                second.sent(T0.plus(LEASE).plusSeconds(9), true), third.sent(T0.plus(LEASE).plusSeconds(9), true)),
                "owner-a#1");

        assertThat(written).containsExactly(second.id(), third.id());
        assertThat(store.find(first.id()).orElseThrow().sentAt()).contains(T0.plus(LEASE));
        assertThat(store.find(second.id()).orElseThrow().status()).isEqualTo(NudgeStatus.SENT);
        assertThat(store.find(third.id()).orElseThrow().sentAt()).contains(T0.plus(LEASE).plusSeconds(9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void renew_liveOwner_keepsTheNudgeFromOthersPastTheFirstLease(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge nudge = nudge("k1", T0);
        store.schedule(nudge);
        store.claimDue("owner-a#1", 10, T0, LEASE);

        assertThat(store.renew("owner-a#1", List.of(nudge.id()), T0.plus(LEASE).plus(LEASE)))
                .containsExactly(nudge.id());

        assertThat(store.claimDue("owner-b#1", 10, T0.plus(LEASE).plusSeconds(1), LEASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void claimDue_leasedToA_notClaimableByBUntilLeaseExpires(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge nudge = nudge("k1", T0);
        store.schedule(nudge);

        assertThat(store.claimDue("owner-a", 10, T0, LEASE)).containsExactly(nudge);
        // Owner A dies without updating: B must wait for the lease, then get the nudge.
        assertThat(store.claimDue("owner-b", 10, T0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();
        assertThat(store.claimDue("owner-b", 10, T0.plus(LEASE), LEASE)).containsExactly(nudge);
        assertThat(store.claimDue("owner-a", 10, T0.plus(LEASE).plusSeconds(1), LEASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void update_sentNudge_releasesLeaseAndIsNeverClaimedAgain(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge nudge = nudge("k1", T0);
        store.schedule(nudge);
        Nudge claimed = store.claimDue("a", 10, T0, LEASE).get(0);

        Nudge sent = claimed.sent(T0.plusSeconds(1), false);
        store.update(sent);

        assertThat(store.find(nudge.id())).contains(sent);
        assertThat(store.claimDue("b", 10, T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void update_failedAttemptWithRetry_claimableAgainAtRetryTime(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        store.schedule(nudge("k1", T0));
        Nudge claimed = store.claimDue("a", 10, T0, LEASE).get(0);
        Nudge retry = claimed.failedAttempt("429", Optional.of(T0.plusSeconds(30)));

        store.update(retry);

        assertThat(store.claimDue("a", 10, T0.plusSeconds(29), LEASE)).isEmpty();
        assertThat(store.claimDue("b", 10, T0.plusSeconds(30), LEASE)).containsExactly(retry);
        assertThat(retry.attempts()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findInbox_openSentAndAnsweredNudges_returnsUnansweredOnes(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge pending = nudge("pending", T0.plusSeconds(60));
        Nudge sent = nudge("sent", T0);
        Nudge acted = nudge("acted", T0.minusSeconds(60));
        store.schedule(pending);
        store.schedule(sent);
        store.schedule(acted);
        Nudge sentNow = sent.sent(T0, false);
        store.update(sentNow);
        store.update(acted.sent(T0, false).answered("on_it", NudgeStatus.ACTED));

        assertThat(store.findInbox(AGENT)).containsExactly(sentNow, pending);
        assertThat(store.findInbox(Fixtures.CUSTOMER)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findInboxPage_manyNudges_firstOfEachKindByDueTimeAndHowManyInAll(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        java.util.List<Nudge> open = new java.util.ArrayList<>();
        java.util.List<Nudge> sentOnes = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(nudge("open-" + i, T0.plusSeconds(60 + i)));
            store.schedule(open.get(i));
            Nudge sent = nudge("sent-" + i, T0.minusSeconds(10 - i));
            store.schedule(sent);
            sentOnes.add(sent.sent(T0, false));
            store.update(sentOnes.get(i));
        }
        Nudge acted = nudge("acted", T0.minusSeconds(60));
        store.schedule(acted);
        store.update(acted.sent(T0, false).answered("on_it", NudgeStatus.ACTED));

        io.happy3.domain.nudge.NudgeInbox page = store.findInbox(AGENT, 2);

        assertThat(page.waitingCount()).isEqualTo(5);
        assertThat(page.upcomingCount()).isEqualTo(5);
        assertThat(page.waiting()).containsExactly(sentOnes.get(0), sentOnes.get(1));
        assertThat(page.upcoming()).containsExactly(open.get(0), open.get(1));
        assertThat(store.findInbox(Fixtures.CUSTOMER, 2).waitingCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void countSent_andFindDueBetween_countOnlyTheWindow(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge early = nudge("early", T0.minusSeconds(3600));
        Nudge inside = nudge("inside", T0);
        store.schedule(early);
        store.schedule(inside);
        store.update(early.sent(T0.minusSeconds(3600), false));
        store.update(inside.sent(T0.plusSeconds(10), true));

        assertThat(store.countSent(AGENT, T0, T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(store.countSent(AGENT, T0.minusSeconds(7200), T0.plusSeconds(3600))).isEqualTo(2);
        assertThat(store.findDueBetween("T1", T0, T0.plusSeconds(1))).extracting(Nudge::id)
                .containsExactly(inside.id());
        assertThat(store.findDueBetween("T2", T0, T0.plusSeconds(1))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findByIssue_twoIssues_returnsOnlyThatIssuesNudges(Backend backend) {
        NudgeStore store = backend.nudgeStore();
        Nudge mine = nudge("mine", T0);
        Nudge other = Nudge.planned(new NudgeKey(IssueId.of(new MessageRef(CHANNEL, "m2")), new StepId("s"), 0, 0, AGENT), CHANNEL, PlaybookId.DEFAULT, T0,
                T0, T0.plusSeconds(60), T0);
        store.schedule(mine);
        store.schedule(other);

        assertThat(store.findByIssue(mine.issueId())).isEqualTo(List.of(mine));
    }
}
