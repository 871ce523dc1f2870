package io.happy3.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.adapter.memory.InMemoryCustomerNoteStore;
import io.happy3.adapter.memory.InMemoryCheckInStore;
import io.happy3.adapter.memory.InMemoryDesiredResultStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryProudMomentStore;
import io.happy3.adapter.memory.InMemoryRitualLedger;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The weekly prompt and digest: timing in the team's zone across DST, exactly once, late after downtime. */
class RunWeeklyRitualsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");

    // Week 2026-W43 ends on Sunday 25 October, when Berlin leaves summer time (UTC+2 -> UTC+1).
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-19T07:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final InMemoryIssueStore issues = new InMemoryIssueStore();
    private final InMemoryNudgeStore nudges = new InMemoryNudgeStore();
    private final InMemoryProudMomentStore moments = new InMemoryProudMomentStore();
    private final InMemoryRitualLedger ledger = new InMemoryRitualLedger();
    private final InMemoryDesiredResultStore results = new InMemoryDesiredResultStore();
    private final Engine engine = new Engine(new Engine.Stores(issues, nudges, moments, channels,
            new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
            results, new InMemoryCheckInStore()),
            PlaybookSource.of(List.of(TestPlaybooks.officeHours(List.of(), Set.of("UANNA"), BERLIN))),
            AgentDirectory.none(), gateway, clock, BERLIN, "test");
    private final RunWeeklyRituals rituals = new RunWeeklyRituals(engine.team(), issues, nudges, moments, results, ledger,
            gateway, weeks -> new byte[] {(byte) 0x89, 'P', 'N', 'G'}, RunWeeklyRituals.Times.DEFAULT, clock);

    RunWeeklyRitualsTest() {
        channels.save(ChannelSettings.followedWith(CHANNEL, PlaybookId.DEFAULT));
    }

    private void runUntil(Instant target) {
        while (clock.instant().isBefore(target)) {
            clock.advance(Duration.ofMinutes(1));
            rituals.tick();
        }
    }

    @Test
    void tick_fridayAfternoonInSummerAndWinterTime_digestAtThreeLocalBothWeeks() {
        runUntil(Instant.parse("2026-10-23T12:59:00Z"));
        assertThat(gateway.posts).isEmpty();
        runUntil(Instant.parse("2026-10-23T13:00:00Z")); // 15:00 CEST
        assertThat(gateway.posts).hasSize(1);

        runUntil(Instant.parse("2026-10-30T13:59:00Z"));
        assertThat(gateway.posts).hasSize(1);
        runUntil(Instant.parse("2026-10-30T14:00:00Z")); // 15:00 CET, after the change
        assertThat(gateway.posts).hasSize(2);
        assertThat(gateway.files).extracting(file -> file.fileName())
                .containsExactly("happy3-trend-2026-W43.png", "happy3-trend-2026-W44.png");
    }

    @Test
    void tick_emptyWeek_digestStillArrivesAndSaysSo() {
        runUntil(Instant.parse("2026-10-23T13:05:00Z"));

        assertThat(gateway.posts).singleElement().asString().contains("nothing to report");
    }

    @Test
    void tick_thursdayAfternoon_promptsOnlyAgentsActiveThatWeek() {
        engine.router().route(new ChatEvent.MessagePosted("e1", new MessageRef(CHANNEL, "m1"), CUSTOMER, false, Optional.empty(),
                "Export fails", clock.instant()));
        engine.router().route(new ChatEvent.MessagePosted("e2", new MessageRef(CHANNEL, "m2"), ANNA, false, Optional.of("m1"),
                "Looking into it", clock.instant().plusSeconds(60)));

        runUntil(Instant.parse("2026-10-22T13:00:00Z")); // Thursday 15:00 CEST

        assertThat(gateway.directMessages).singleElement().asString().startsWith("UANNA: What's one thing");
    }

    @Test
    void tick_twoReplicasOnOneLedger_digestSentOnce() {
        RunWeeklyRituals other = new RunWeeklyRituals(engine.team(), issues, nudges, moments, results, ledger, gateway,
                weeks -> new byte[0], RunWeeklyRituals.Times.DEFAULT, clock);
        clock.set(Instant.parse("2026-10-23T13:00:00Z"));

        rituals.tick();
        other.tick();

        assertThat(gateway.posts).hasSize(1);
    }

    @Test
    void tick_serverDownAtDigestTime_sendsLateOnceAfterRestart() {
        runUntil(Instant.parse("2026-10-23T13:01:00Z"));
        // Down from Thursday of the next week until the Monday after its digest time.
        clock.set(Instant.parse("2026-11-02T08:00:00Z"));

        rituals.tick();
        rituals.tick();

        assertThat(gateway.posts).hasSize(2);
        assertThat(gateway.files).extracting(file -> file.fileName()).last().isEqualTo("happy3-trend-2026-W44.png");
    }

    @Test
    void tick_firstStartAfterLastWeeksDigestTime_doesNotPostLastWeek() {
        clock.set(Instant.parse("2026-10-26T08:00:00Z")); // Monday of W44; W43's digest was Friday

        rituals.tick();

        assertThat(gateway.posts).isEmpty();
    }
}
