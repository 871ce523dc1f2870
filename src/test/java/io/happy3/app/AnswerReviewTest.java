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
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /review}: who sees what, tenant scoping, export and curation. */
class AnswerReviewTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final ChannelRef OTHER_TENANT = new ChannelRef(Platform.SLACK, "T2", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");
    private static final UserRef BEN = new UserRef(Platform.SLACK, "T1", "UBEN");
    private static final UserRef LEA = new UserRef(Platform.SLACK, "T1", "ULEA");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final InMemoryProudMomentStore moments = new InMemoryProudMomentStore();
    private final Engine engine = new Engine(new Engine.Stores(new InMemoryIssueStore(), new InMemoryNudgeStore(),
            moments, channels, new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), new InMemoryCheckInStore()),
            PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of(), Set.of()))),
            AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    private int sequence;

    @BeforeEach
    void followChannels() {
        channels.save(ChannelSettings.followedWith(CHANNEL, PlaybookId.DEFAULT).withAgents(Set.of("UANNA", "UBEN"), Set.of())
                .withLeads(Set.of("ULEA")));
        channels.save(ChannelSettings.followedWith(OTHER_TENANT, PlaybookId.DEFAULT).withAgents(Set.of("UANNA"), Set.of()));
        say(CHANNEL, CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(CHANNEL, ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        say(CHANNEL, CUSTOMER, "m3", "m1", "Works now, thank you so much!");
        say(CHANNEL, CUSTOMER, "m4", null, "Invoices show the wrong VAT rate.");
        say(CHANNEL, BEN, "m5", "m4", "That is fixed now.");
        UserRef stranger = new UserRef(Platform.SLACK, "T2", "UCUST");
        for (int i = 0; i < 3; i++) {
            say(OTHER_TENANT, stranger, "x" + i, null, "Another tenant's issue " + i);
        }
        clock.set(Instant.parse("2026-11-18T09:00:00Z"));
    }

    private void say(ChannelRef channel, UserRef who, String id, String root, String text) {
        engine.router().route(new ChatEvent.MessagePosted("e" + (++sequence), new MessageRef(channel, id), who, false,
                Optional.ofNullable(root), text, clock.instant()));
    }

    private String review(UserRef who, String arguments) {
        return engine.review().answer(new ChatEvent.CommandInvoked("c" + (++sequence), CHANNEL, who, "review",
                arguments, "reply", clock.instant()));
    }

    @Test
    void answer_lead_seesTeamScorecardAndEveryAgent() {
        String text = review(LEA, "");

        assertThat(text).contains("Verified-resolution rate: *50%* (1/2)", "*Per agent* (leads only)",
                "UANNA", "UBEN");
    }

    @Test
    void answer_agent_seesOnlyTheirOwnDetail() {
        String text = review(BEN, "");

        assertThat(text).contains("Verified-resolution rate").contains("UBEN").doesNotContain("UANNA")
                .doesNotContain("(leads only)");
        assertThat(review(BEN, "<@UANNA>")).contains("Per-agent detail is for team leads");
    }

    @Test
    void answer_onlyTheAskingTenantsIssuesCount() {
        assertThat(review(LEA, "")).contains("Issues opened: *2*");
    }

    @Test
    void answer_exportByAnAgent_isRefusedAndSendsNoFile() {
        String text = review(ANNA, "export");

        assertThat(text).contains("for team leads");
        assertThat(gateway.files).isEmpty();
    }

    @Test
    void answer_exportByALead_sendsEveryRowOfTheWeek() {
        String text = review(LEA, "export");

        assertThat(text).isEqualTo("Sent you the CSV of 2026-W47 (2 issues).");
        assertThat(gateway.files).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("happy3-2026-W47.csv");
            assertThat(new String(file.bytes(), StandardCharsets.UTF_8).split("\r\n")).containsExactly(
                    String.join(",", io.happy3.domain.review.CsvExport.COLUMNS),
                    "slack:T1:C1:m1,slack,C1,UCUST,UANNA,2026-11-17T09:00:00Z,0.0,2026-11-17T09:00:00Z,"
                            + "2026-11-17T09:00:00Z,customer_words,0,false,,,confirmed,https://chat.example/C1/m1",
                    "slack:T1:C1:m4,slack,C1,UCUST,UBEN,2026-11-17T09:00:00Z,0.0,2026-11-17T09:00:00Z,,,0,true,,,"
                            + "resolution_proposed,https://chat.example/C1/m4");
        });
    }

    @Test
    void answer_exportOfAPastWeek_showsTheStateAtThatWeeksEnd() {
        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        say(CHANNEL, CUSTOMER, "m6", "m1", "Sorry, it is still broken, same error.");

        review(LEA, "last-week export");

        String csv = new String(gateway.files.get(0).bytes(), StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(line -> line.startsWith("slack:T1:C1:m1,"))).singleElement()
                .satisfies(row -> assertThat(row).endsWith(",0,false,,,confirmed,https://chat.example/C1/m1"));
        review(LEA, "export");
        assertThat(new String(gateway.files.get(1).bytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("slack:T1:C1:m1,"))).singleElement()
                .satisfies(row -> assertThat(row).contains(",1,false,,,reopened,"));
    }

    @Test
    void answer_channelTheBotCannotFullySee_saysSo() {
        gateway.warnings.put(CHANNEL, "I only see messages that @mention me.");

        assertThat(review(LEA, "")).contains("⚠️ C1: I only see messages that @mention me.");
    }

    @Test
    void answer_badWord_answersWithUsage() {
        assertThat(review(LEA, "yesterday")).contains("Usage: /review");
    }

    @Test
    void curate_onlyLeadsAcceptProudMoments() {
        ProudMoment nominated = moments.findBetween("T1", Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"))
                .get(0);
        String target = EventRouter.PROUD_TARGET_PREFIX + nominated.id();

        String byAgent = engine.review().curate(new ChatEvent.ActionChosen("a1", ANNA, target, "accept", "", "r",
                clock.instant()));
        String byLead = engine.review().curate(new ChatEvent.ActionChosen("a2", LEA, target, "accept", "great", "r",
                clock.instant()));

        assertThat(byAgent).contains("Only team leads");
        assertThat(byLead).startsWith("Accepted for the digest");
        assertThat(moments.find(nominated.id()).orElseThrow().decision()).isEqualTo(ProudMoment.Decision.ACCEPTED);
        assertThat(moments.find(nominated.id()).orElseThrow().note()).contains("great");
    }

    @Test
    void curate_oneIssuesNominations_offeredOnceAndDecidedTogether() {
        ProudMoment thanks = moments.findBetween("T1", Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")).get(0);
        moments.add(new ProudMoment("star-1", "T1", thanks.channel(), thanks.issueId(), thanks.about(),
                Optional.of(BEN), ProudMoment.Source.STAR_REACTION, "Starred in the channel.", Optional.empty(),
                clock.instant(), ProudMoment.Decision.NOMINATED, Optional.empty()));

        review(LEA, "");
        List<io.happy3.domain.nudge.ChatGateway.Choice> offered = gateway.choices.get(gateway.choices.size() - 1);
        String accepted = engine.review().curate(new ChatEvent.ActionChosen("a3", LEA, offered.get(0).target(),
                "accept", "", "r", clock.instant()));

        assertThat(offered).extracting(io.happy3.domain.nudge.ChatGateway.Choice::action)
                .containsExactly("accept", "reject");
        assertThat(offered.get(0).label()).isEqualTo("Accept: UANNA — UCUST confirmed the fix and thanked UANNA."
                + " ⭐ from UBEN.");
        assertThat(accepted).isEqualTo("Accepted for the digest: UCUST confirmed the fix and thanked UANNA."
                + " ⭐ from UBEN.");
        assertThat(moments.find("star-1").orElseThrow().decision()).isEqualTo(ProudMoment.Decision.ACCEPTED);
        assertThat(moments.find(thanks.id()).orElseThrow().decision()).isEqualTo(ProudMoment.Decision.ACCEPTED);
    }

    @Test
    void answer_agent_seesTeamConsistencyAndOwnLineOnly() {
        String text = review(ANNA, "");

        assertThat(text).contains("*Consistency — issues where every playbook step happened*\n• Team: ")
                .contains("• UANNA: ").doesNotContain("• UBEN: ");
    }
}
