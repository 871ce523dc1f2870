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
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Role;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chat commands: each changes what a user would notice, and bad usage answers with help. */
class RunCommandTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C9");
    private static final UserRef LEA = new UserRef(Platform.SLACK, "T1", "ULEA");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryAgentPreferenceStore preferences = new InMemoryAgentPreferenceStore();
    private final InMemoryProudMomentStore moments = new InMemoryProudMomentStore();
    private final Engine engine = new Engine(new Engine.Stores(new InMemoryIssueStore(), new InMemoryNudgeStore(),
            moments, new InMemoryChannelSettingsStore(), preferences, new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), new InMemoryCheckInStore()),
            PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of(), Set.of()))),
            AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    private int sequence;

    private String run(UserRef who, String command, String arguments) {
        engine.router().route(new ChatEvent.CommandInvoked("c" + (++sequence), CHANNEL, who, command, arguments,
                "reply", clock.instant()));
        return gateway.lastReply();
    }

    @Test
    void follow_thenAgents_channelIsFollowedWithThoseAgents() {
        assertThat(engine.team().followed(CHANNEL)).isEmpty();

        assertThat(run(LEA, "happy3", "follow")).contains("Following this channel with playbook `default`");
        assertThat(run(LEA, "happy3", "agents <@UANNA|anna> <!subteam^S123|@support>"))
                .contains("<@UANNA>", "<!subteam^S123>");

        ChannelContext context = engine.team().followed(CHANNEL).orElseThrow();
        assertThat(engine.team().roleOf(context, ANNA, false)).isEqualTo(Role.AGENT);
        assertThat(engine.team().roleOf(context, ANNA, true)).isEqualTo(Role.CUSTOMER);
        assertThat(engine.team().roleOf(context, LEA, false)).isEqualTo(Role.CUSTOMER);
    }

    @Test
    void follow_unknownPlaybook_namesTheLoadedOnes() {
        assertThat(run(LEA, "happy3", "follow nightly")).contains("No playbook `nightly`", "default");
        assertThat(engine.team().followed(CHANNEL)).isEmpty();
    }

    @Test
    void unfollow_stopsFollowing() {
        run(LEA, "happy3", "follow");
        run(LEA, "happy3", "unfollow");

        assertThat(engine.team().followed(CHANNEL)).isEmpty();
    }

    @Test
    void mute_duration_mutesUntilThen_andOffUnmutes() {
        assertThat(run(ANNA, "happy3", "mute 2h")).contains("Muted for 2 h");
        assertThat(preferences.find(ANNA).orElseThrow().mutedUntil())
                .contains(Instant.parse("2026-11-17T11:00:00Z"));

        run(ANNA, "happy3", "mute off");
        assertThat(preferences.find(ANNA).orElseThrow().mutedUntil()).isEmpty();
    }

    @Test
    void tz_validZone_isUsedForThatPerson() {
        assertThat(run(ANNA, "happy3", "tz America/New_York")).contains("Time zone set to America/New_York");
        assertThat(engine.team().zoneOf(ANNA, Optional.empty())).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(run(ANNA, "happy3", "tz Mars/Olympus")).contains("Unknown time zone");
    }

    @Test
    void badUsage_answersWithHelp() {
        assertThat(run(ANNA, "happy3", "mute forever")).contains("Usage: /happy3 mute", "Happy3 commands:");
        assertThat(run(ANNA, "happy3", "agents nobody")).contains("Usage: /happy3 agents");
        assertThat(run(ANNA, "happy3", "dance")).contains("I don't know `dance`", "Happy3 commands:");
        assertThat(run(ANNA, "proud", "")).contains("Usage: /proud");
    }

    @Test
    void proud_text_isNominatedAboutTheMentionedPerson() {
        run(LEA, "proud", "<@UANNA> stayed late to fix the export for Northwind");

        assertThat(moments.findBetween("T1", Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")))
                .singleElement().satisfies(moment -> {
                    assertThat(moment.about()).contains(ANNA);
                    assertThat(moment.nominatedBy()).contains(LEA);
                });
    }
}
