package io.happy3.adapter.teams;

import static io.happy3.adapter.teams.TeamsTestBed.AGENT;
import static io.happy3.adapter.teams.TeamsTestBed.CHANNEL;
import static io.happy3.adapter.teams.TeamsTestBed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.team.ChannelSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands by mention, Action.Submit answers, the consent warning, names and zones, connector failures. */
class TeamsConversationTest {
    private final TeamsTestBed bed = new TeamsTestBed();
    private final ChannelRef channel = new ChannelRef(Platform.TEAMS, TENANT, CHANNEL);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void mention_agentsCommand_setsTheChannelAgentsAndAnswersInTheThread() {
        assertThat(bed.post("channel-mention-command.json").statusCode()).isEqualTo(202);
        bed.drainInbox();

        Optional<ChannelSettings> settings = bed.stores.channelSettings().find(channel);
        assertThat(settings).isPresent();
        assertThat(settings.get().agents()).containsExactly(AGENT);
        List<FakeBotConnector.Call> replies = bed.connector.calls("POST", "/v3/conversations/");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).conversationId()).isEqualTo(CHANNEL + ";messageid=1700000000103");
        assertThat(replies.get(0).body().path("text").asText()).contains("Agents of this channel");
    }

    @Test
    void personalChat_help_answersWithTheCommandList() {
        assertThat(bed.post("message.json", activity -> activity.put("text", "help")).statusCode()).isEqualTo(202);
        bed.drainInbox();

        List<FakeBotConnector.Call> replies = bed.connector.calls("POST", "/v3/conversations/a:personal-conv-1");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).body().path("text").asText()).contains("Happy3 commands");
    }

    @Test
    void actionSubmit_onNudgeCard_updatesTheCardInPlace() {
        bed.post("members-added.json");
        bed.post("message.json", activity -> activity.put("text", "inbox"));
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        assertThat(bed.connector.calls("POST", "/v3/conversations").stream()
                .filter(call -> call.path().equals("/v3/conversations"))).as("1:1 chat already known").isEmpty();
        String nudgeId = TeamsFlowTest.buttonData(bed.cardsSent().get(0), "on_it").path("nudge").asText();
        String cardId = "fake-activity-2";

        assertThat(bed.post("action-submit.json", activity -> {
            activity.put("replyToId", cardId);
            activity.putObject("value").put("nudge", nudgeId).put("action", "on_it");
        }).statusCode()).isEqualTo(202);
        bed.drainInbox();

        List<FakeBotConnector.Call> updates = bed.connector.calls("PUT", "/v3/conversations/a:personal-conv-1");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).path()).endsWith("/activities/" + cardId);
        JsonNode card = updates.get(0).body().path("attachments").get(0).path("content");
        // The answered nudge's buttons are gone; the desired-result form stays until a result is recorded.
        assertThat(card.toString()).contains("You're on it.").doesNotContain("\"verb\":\"on_it\"")
                .doesNotContain("\"verb\":\"snooze\"");
        assertThat(bed.stores.nudges().find(new io.happy3.domain.nudge.NudgeId(nudgeId)).orElseThrow().status())
                .isEqualTo(NudgeStatus.ACTED);
    }

    @Test
    void onlyMentionsArrive_fromAChannel_warnsOnceAboutConsent() {
        for (String id : List.of("1700000000301", "1700000000302", "1700000000303")) {
            bed.post("channel-mention-command.json", activity -> {
                activity.put("id", id);
                activity.put("text", "<at>SupportCoach</at> help");
                activity.withObjectProperty("conversation").put("id", CHANNEL + ";messageid=" + id);
            });
        }
        bed.drainInbox();

        List<String> texts = bed.connector.calls("POST", "/v3/conversations/").stream()
                .map(call -> call.body().path("text").asText()).toList();
        assertThat(texts).filteredOn(text -> text.contains("ChannelMessage.Read.Group")).hasSize(1);
        assertThat(bed.module.gateway().channelWarning(new io.happy3.domain.chat.ChannelRef(Platform.TEAMS, TENANT,
                CHANNEL))).as("the warning is repeated in /review").hasValueSatisfying(
                warning -> assertThat(warning).contains("ChannelMessage.Read.Group"));
    }

    @Test
    void channelMessage_fromCustomer_remembersNameAndZone() {
        bed.post("channel-message.json");

        var profile = bed.module.directory().profile(new UserRef(Platform.TEAMS, TENANT, "29:customer-aad-user"));
        assertThat(profile.displayName()).isEqualTo("Casey Customer");
        assertThat(profile.zone()).contains(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void directMessage_whenConnectorThrottles_isRateLimitedWithRetryAfter() {
        bed.post("message.json");
        bed.connector.failNext(429, 5);

        assertThatThrownBy(() -> bed.module.gateway().directMessage(new UserRef(Platform.TEAMS, TENANT, AGENT),
                "What are you proud of this week?"))
                .isInstanceOfSatisfying(ChatDeliveryException.class, failure -> {
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(failure.permanent()).isFalse();
                });
    }

    @Test
    void permalink_forAChannelMessage_isATeamsDeepLink() {
        assertThat(bed.module.gateway().permalink(new MessageRef(channel, "1700000000101"))).contains(
                "https://teams.microsoft.com/l/message/19%3Asupport%40thread.tacv2/1700000000101?tenantId="
                        + TENANT + "&parentMessageId=1700000000101");
    }
}
