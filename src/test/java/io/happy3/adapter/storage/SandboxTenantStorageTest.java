package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.team.ChannelSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The storage side of the sandbox (on H2, and on PostgreSQL when configured): a claim scope keeps one tenant's
 * due nudges away from the other scheduler, and the tenant eraser deletes one tenant and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxTenantStorageTest {
    private static final ChannelRef SANDBOX = new ChannelRef(Platform.LOCAL, "sandbox", "support");
    private static final ChannelRef SLACK = new ChannelRef(Platform.SLACK, "T1", "C-SUPPORT");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private List<TestDatabase> databases;

    @BeforeAll
    void open() {
        databases = TestDatabases.openAll();
    }

    @AfterAll
    void close() {
        databases.forEach(TestDatabase::close);
    }

    @BeforeEach
    void clean() {
        databases.forEach(database -> TestDatabases.clean(database.database()));
    }

    Stream<TestDatabase> databases() {
        return databases.stream();
    }

    private static Nudge nudge(ChannelRef channel) {
        UserRef agent = new UserRef(channel.platform(), channel.tenant(), "agent");
        NudgeKey key = new NudgeKey(IssueId.of(new MessageRef(channel, "m1")), new StepId("first-response"), 0, 0, agent);
        return Nudge.planned(key, channel, PlaybookId.DEFAULT, T0, T0, T0.plus(Duration.ofDays(1)), T0);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void claimDue_scopedStores_eachClaimsOnlyItsOwnSide(TestDatabase database) {
        JdbcNudgeStore all = new JdbcNudgeStore(database.database());
        Nudge sandbox = nudge(SANDBOX);
        Nudge slack = nudge(SLACK);
        all.schedule(sandbox);
        all.schedule(slack);
        JdbcNudgeStore real = new JdbcNudgeStore(database.database(), ClaimScope.except(Platform.LOCAL, "sandbox"));
        JdbcNudgeStore own = new JdbcNudgeStore(database.database(), ClaimScope.only(Platform.LOCAL, "sandbox"));

        assertThat(real.claimDue("real", 10, T0.plus(Duration.ofDays(30)), LEASE)).containsExactly(slack);
        assertThat(own.claimDue("sandbox", 10, T0.plus(Duration.ofDays(30)), LEASE)).containsExactly(sandbox);
        assertThat(real.claimDue("real-2", 10, T0.plus(Duration.ofDays(31)), LEASE)).containsExactly(slack);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void nextDue_scopedStore_seesOnlyItsOwnSide(TestDatabase database) {
        JdbcNudgeStore all = new JdbcNudgeStore(database.database());
        all.schedule(nudge(SLACK));
        JdbcNudgeStore own = new JdbcNudgeStore(database.database(), ClaimScope.only(Platform.LOCAL, "sandbox"));

        assertThat(own.nextDue()).isEmpty();
        assertThat(all.nextDue()).contains(T0);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void erase_sandboxTenant_deletesItsRowsAndKeepsTheOthers(TestDatabase database) {
        Database db = database.database();
        JdbcIssueStore issues = new JdbcIssueStore(db);
        JdbcNudgeStore nudges = new JdbcNudgeStore(db);
        JdbcChannelSettingsStore settings = new JdbcChannelSettingsStore(db);
        JdbcProudMomentStore moments = new JdbcProudMomentStore(db);
        JdbcRitualLedger ledger = new JdbcRitualLedger(db, Clock.fixed(T0, ZoneOffset.UTC));
        for (ChannelRef channel : List.of(SANDBOX, SLACK)) {
            UserRef customer = new UserRef(channel.platform(), channel.tenant(), "customer");
            issues.save(Issue.open(new MessageRef(channel, "m1"), customer, PlaybookId.DEFAULT, T0));
            nudges.schedule(nudge(channel));
            settings.save(new ChannelSettings(channel, true, PlaybookId.DEFAULT, Set.of("agent"), Set.of(), Set.of(),
                    Optional.empty()));
            moments.add(new ProudMoment("star:" + channel.tenant(), channel.tenant(), Optional.of(channel),
                    Optional.empty(), Optional.empty(), Optional.empty(), ProudMoment.Source.STAR_REACTION, "Starred",
                    Optional.empty(), T0, ProudMoment.Decision.NOMINATED, Optional.empty()));
            ledger.markSent(channel.tenant(), "digest:" + channel.key(), "2026-W48");
        }

        int erased = new JdbcTenantEraser(db).erase(Platform.LOCAL, "sandbox");

        assertThat(erased).isGreaterThanOrEqualTo(5);
        assertThat(issues.find(IssueId.of(new MessageRef(SANDBOX, "m1")))).isEmpty();
        assertThat(nudges.findByIssue(IssueId.of(new MessageRef(SANDBOX, "m1")))).isEmpty();
        assertThat(settings.find(SANDBOX)).isEmpty();
        assertThat(moments.find("star:sandbox")).isEmpty();
        assertThat(ledger.everSent("sandbox", "digest:" + SANDBOX.key())).isFalse();
        assertThat(issues.find(IssueId.of(new MessageRef(SLACK, "m1")))).isPresent();
        assertThat(nudges.findByIssue(IssueId.of(new MessageRef(SLACK, "m1")))).hasSize(1);
        assertThat(settings.find(SLACK)).isPresent();
        assertThat(moments.find("star:T1")).isPresent();
        assertThat(ledger.everSent("T1", "digest:" + SLACK.key())).isTrue();
    }
}
