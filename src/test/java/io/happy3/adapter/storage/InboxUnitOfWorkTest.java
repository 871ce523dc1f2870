package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.T0;
import static io.happy3.adapter.storage.Fixtures.issue;
import static io.happy3.adapter.storage.Fixtures.nudge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * On PostgreSQL, processing an inbox entry is one transaction: the issue and nudges it writes commit with the
 * entry's done mark, or not at all — a failed attempt leaves nothing half-written for its retry, and a worker
 * whose claim was taken over leaves its writes to the new owner. A replayed nudge (unique on its key) inside
 * that transaction does not spoil the rest of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
class InboxUnitOfWorkTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase database;
    private JdbcInboxStore inbox;
    private JdbcNudgeStore nudges;
    private JdbcIssueStore issues;

    @BeforeAll
    void open() {
        database = TestDatabases.postgres();
        inbox = new JdbcInboxStore(database.database(), clock);
        nudges = new JdbcNudgeStore(database.database());
        issues = new JdbcIssueStore(database.database());
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void clean() {
        TestDatabases.clean(database.database());
        inbox.append(InboxEntry.received(Platform.SLACK, "Ev1", "T1", "issue-a", "event_callback", "{}", T0));
    }

    private InboxEntry claim(String owner) {
        List<InboxEntry> claimed = inbox.claim(owner, 1, clock.instant(), LEASE);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    @Test
    void process_handlerFailsAfterWriting_nothingOfItIsStoredAndTheEntryRunsAgain() {
        Issue opened = issue("m1", T0);
        Nudge planned = nudge("m1", T0.plusSeconds(60));
        InboxEntry first = claim("w1");

        assertThatThrownBy(() -> inbox.process(first, () -> {
            issues.save(opened);
            nudges.schedule(planned);
            throw new IllegalStateException("the chat platform timed out");
        })).hasMessage("the chat platform timed out");

        assertThat(issues.find(opened.id())).isEmpty();
        assertThat(nudges.find(planned.id())).isEmpty();
        inbox.markFailed(first, "timed out", T0, false);
        InboxEntry retry = claim("w1");
        assertThat(inbox.process(retry, () -> {
            issues.save(opened);
            nudges.schedule(planned);
        })).isTrue();
        assertThat(issues.find(opened.id())).isPresent();
        assertThat(nudges.find(planned.id())).contains(planned);
        assertThat(inbox.backlog()).isZero();
    }

    @Test
    void process_replayedNudgeAmongNewWrites_restIsStoredAndEntryDone() {
        Nudge replayed = nudge("m1", T0.plusSeconds(60));
        Nudge fresh = nudge("m2", T0.plusSeconds(60));
        Issue opened = issue("m2", T0);
        nudges.schedule(replayed);
        InboxEntry entry = claim("w1");

        boolean done = inbox.process(entry, () -> {
            assertThat(nudges.schedule(replayed)).isFalse();
            nudges.schedule(fresh);
            issues.save(opened);
        });

        assertThat(done).isTrue();
        assertThat(nudges.find(fresh.id())).contains(fresh);
        assertThat(issues.find(opened.id())).isPresent();
        assertThat(inbox.backlog()).isZero();
    }

    @Test
    void process_claimTakenOverMeanwhile_writesNothingAndTheNewOwnerFinishes() {
        Nudge planned = nudge("m1", T0.plusSeconds(60));
        InboxEntry slow = claim("w1");
        clock.advance(LEASE.plusSeconds(1));
        InboxEntry takenOver = claim("w2");

        assertThat(inbox.process(slow, () -> nudges.schedule(planned))).isFalse();

        assertThat(nudges.find(planned.id())).isEmpty();
        assertThat(inbox.backlog()).isEqualTo(1);
        assertThat(inbox.process(takenOver, () -> nudges.schedule(planned))).isTrue();
        assertThat(nudges.find(planned.id())).contains(planned);
        assertThat(inbox.backlog()).isZero();
    }

    @Test
    void process_newIssueAnotherWriterSavedFirst_refusedAndTheRestOfTheEntryStillCommits() {
        Issue first = issue("m1", T0);
        new JdbcIssueStore(database.database()).save(first); // another replica, committed
        Nudge planned = nudge("m1", T0.plusSeconds(60));
        InboxEntry entry = claim("w1");

        boolean done = inbox.process(entry, () -> {
            assertThatThrownBy(() -> issues.save(issue("m1", T0.plusSeconds(1))))
                    .isInstanceOf(io.happy3.domain.issue.IssueChangedConcurrentlyException.class);
            nudges.scheduleAll(List.of(planned, nudge("m3", T0)));
        });

        assertThat(done).isTrue();
        assertThat(issues.find(first.id())).contains(first.atVersion(1));
        assertThat(nudges.find(planned.id())).contains(planned);
        assertThat(inbox.backlog()).isZero();
    }

    @Test
    void process_batchedNudgeWritesAndARenderingSavedTwice_allCommitWithTheEntry() {
        Nudge replayed = nudge("m1", T0.plusSeconds(60));
        nudges.schedule(replayed);
        List<Nudge> fresh = List.of(nudge("m2", T0), nudge("m3", T0));
        JdbcRenderedNudgeStore rendered = new JdbcRenderedNudgeStore(database.database());
        NudgeMessage first = new NudgeMessage(replayed.id(), Fixtures.AGENT, new MessageRef(Fixtures.CHANNEL, "m1"),
                replayed.stepId(), "Chris has waited 10m.", List.of(NudgeAction.ON_IT), false);
        NudgeMessage second = new NudgeMessage(replayed.id(), Fixtures.AGENT, new MessageRef(Fixtures.CHANNEL, "m1"),
                replayed.stepId(), "Chris has waited 20m.", List.of(NudgeAction.ON_IT), true);
        InboxEntry entry = claim("w1");

        boolean done = inbox.process(entry, () -> {
            assertThat(nudges.scheduleAll(List.of(fresh.get(0), replayed, fresh.get(1)))).isEqualTo(fresh);
            nudges.updateAll(List.of(replayed.withStatus(NudgeStatus.CANCELLED), fresh.get(1).withStatus(
                    NudgeStatus.CANCELLED)));
            rendered.save(first);
            rendered.save(second);
        });

        assertThat(done).isTrue();
        assertThat(nudges.find(fresh.get(0).id())).contains(fresh.get(0));
        assertThat(nudges.find(replayed.id()).orElseThrow().status()).isEqualTo(NudgeStatus.CANCELLED);
        assertThat(nudges.find(fresh.get(1).id()).orElseThrow().status()).isEqualTo(NudgeStatus.CANCELLED);
        assertThat(rendered.find(replayed.id())).contains(second);
        assertThat(inbox.backlog()).isZero();
    }

    private String synchronousCommit(Jdbc jdbc) {
        return jdbc.queryOne("reading synchronous_commit", "show synchronous_commit", statement -> { },
                rows -> rows.getString(1)).orElseThrow();
    }

    @Test
    void process_entryCommitsWithoutWaitingForTheDisk_whileAcksAndEveryOtherWriteStayDurable() throws Exception {
        Jdbc jdbc = database.database().jdbc();
        InboxEntry entry = claim("w1");
        String[] insideTheUnit = new String[1];

        assertThat(inbox.process(entry, () -> insideTheUnit[0] = synchronousCommit(jdbc))).isTrue();

        assertThat(insideTheUnit[0]).isEqualTo("off");
        for (int i = 0; i < 20; i++) { // whichever pooled connection the next write gets
            assertThat(synchronousCommit(jdbc)).as("outside a unit of work: acks, the scheduler").isEqualTo("on");
        }
    }
}
