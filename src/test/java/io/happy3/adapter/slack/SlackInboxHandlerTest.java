package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.inbox.InboxEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack payloads, shaped like the documented examples, translated into chat events. */
class SlackInboxHandlerTest {
    private SlackHarness slack;
    private final List<ChatEvent> routed = new ArrayList<>();
    private SlackInboxHandler handler;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
        handler = slack.module.inboxHandler(routed::add);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private void handle(String payload) {
        handler.handle(InboxEntry.received(Platform.SLACK, "Ev1", TEAM, "k", "event", payload, Instant.EPOCH));
    }

    private static ObjectNode event(ObjectNode envelope) {
        return (ObjectNode) envelope.get("event");
    }

    @Test
    void handle_documentedChannelMessage_isATopLevelMessage() {
        handle(SlackHarness.fixture("message.channels.json"));

        ChatEvent.MessagePosted posted = (ChatEvent.MessagePosted) routed.get(0);
        assertThat(posted.channel().channel()).isEqualTo("C123ABC456");
        assertThat(posted.author().user()).isEqualTo("U123ABC456");
        assertThat(posted.threadRootId()).isEmpty();
        assertThat(posted.text()).isEqualTo("Live long and prospect.");
        assertThat(posted.at()).isEqualTo(Instant.parse("2012-12-14T20:38:43.000005Z"));
        assertThat(posted.authorExternal()).isFalse();
    }

    @Test
    void handle_threadReply_carriesItsThreadRoot() {
        handle(SlackHarness.message("Ev2", "U0AGENT1", "1355517600.000001", "1355517523.000005", "on it"));

        assertThat(((ChatEvent.MessagePosted) routed.get(0)).threadRootId()).contains("1355517523.000005");
    }

    @Test
    void handle_slackConnectAuthorFromAnotherTeam_isExternal() {
        ObjectNode envelope = SlackHarness.json("message.channels.json");
        event(envelope).put("user_team", "T0OTHERORG");
        handle(envelope.toString());

        assertThat(((ChatEvent.MessagePosted) routed.get(0)).authorExternal()).isTrue();
    }

    @Test
    void handle_messageChanged_isAnEditOfTheInnerMessage() {
        ObjectNode envelope = SlackHarness.json("message.channels.json");
        ObjectNode event = event(envelope).put("subtype", "message_changed").put("ts", "1355517600.000009");
        event.remove("user");
        event.putObject("message").put("type", "message").put("user", "U123ABC456").put("text", "works now")
                .put("ts", "1355517550.000001").put("thread_ts", "1355517523.000005");
        event.putObject("previous_message").put("type", "message").put("user", "U123ABC456").put("text", "hmm")
                .put("ts", "1355517550.000001");
        handle(envelope.toString());

        ChatEvent.MessageEdited edited = (ChatEvent.MessageEdited) routed.get(0);
        assertThat(edited.message().id()).isEqualTo("1355517550.000001");
        assertThat(edited.threadRootId()).contains("1355517523.000005");
        assertThat(edited.newText()).isEqualTo("works now");
    }

    @Test
    void handle_messageChangedWithTheSameText_isIgnored() {
        ObjectNode envelope = SlackHarness.json("message.channels.json");
        ObjectNode event = event(envelope).put("subtype", "message_changed");
        event.putObject("message").put("user", "U1").put("text", "same").put("ts", "1.0").put("reply_count", 1);
        event.putObject("previous_message").put("user", "U1").put("text", "same").put("ts", "1.0");
        handle(envelope.toString());

        assertThat(routed).isEmpty();
    }

    @Test
    void handle_messageDeleted_namesTheDeletedMessage() {
        ObjectNode envelope = SlackHarness.json("message.channels.json");
        ObjectNode event = event(envelope).put("subtype", "message_deleted").put("deleted_ts", "1355517523.000005")
                .put("hidden", true);
        event.remove("user");
        event.putObject("previous_message").put("user", "U1").put("text", "x").put("ts", "1355517523.000005");
        handle(envelope.toString());

        ChatEvent.MessageDeleted deleted = (ChatEvent.MessageDeleted) routed.get(0);
        assertThat(deleted.message().id()).isEqualTo("1355517523.000005");
        assertThat(deleted.threadRootId()).isEmpty();
    }

    @Test
    void reactionOf_checkMarksConfirmAndStarsNominate() {
        assertThat(SlackInboxHandler.reactionOf("white_check_mark")).isEqualTo(Reaction.CONFIRM);
        assertThat(SlackInboxHandler.reactionOf("heavy_check_mark::skin-tone-3")).isEqualTo(Reaction.CONFIRM);
        assertThat(SlackInboxHandler.reactionOf("star")).isEqualTo(Reaction.STAR);
        assertThat(SlackInboxHandler.reactionOf("star2")).isEqualTo(Reaction.STAR);
        assertThat(SlackInboxHandler.reactionOf("glowing_star")).isEqualTo(Reaction.STAR);
        assertThat(SlackInboxHandler.reactionOf("thumbsup")).isEqualTo(Reaction.OTHER);
    }

    @Test
    void handle_documentedThumbsUpReaction_isIgnoredButAStarIsRouted() {
        handle(SlackHarness.fixture("reaction_added.json"));
        assertThat(routed).isEmpty();

        ObjectNode envelope = SlackHarness.json("reaction_added.json");
        event(envelope).put("reaction", "star");
        handle(envelope.toString());

        ChatEvent.ReactionAdded star = (ChatEvent.ReactionAdded) routed.get(0);
        assertThat(star.reaction()).isEqualTo(Reaction.STAR);
        assertThat(star.message().id()).isEqualTo("1360782400.498405");
        assertThat(star.threadRootId()).isEqualTo(Optional.empty());
    }

    @Test
    void handle_memberJoinedChannel_routesNothing() {
        ObjectNode envelope = SlackHarness.json("message.channels.json");
        envelope.putObject("event").put("type", "member_joined_channel").put("user", "W06GH7XHN")
                .put("channel", "C0698JE0H").put("channel_type", "C").put("team", TEAM)
                .put("event_ts", "1360782804.083113");
        handle(envelope.toString());

        assertThat(routed).as("a join changes no one's role: roles are read when people write").isEmpty();
    }

    @Test
    void handle_documentedAppMention_answersWithAHintAndRoutesNothing() {
        handle(SlackHarness.fixture("app_mention.json"));

        assertThat(routed).isEmpty();
        FakeSlackApi.Call hint = slack.fake.calls("chat.postEphemeral").get(0);
        assertThat(hint.param("user")).isEqualTo("U061F7AUR");
        assertThat(hint.param("text")).contains("/happy3 help");
    }

    @Test
    void handle_appMentionWhileSlackAnswers500_isHandledWithoutTheHint() {
        slack.fake.answerNextWith("chat.postEphemeral", 500);

        assertThatCode(() -> handle(SlackHarness.fixture("app_mention.json")))
                .as("the hint is a courtesy: a failing Slack must not fail (and redeliver) the event")
                .doesNotThrowAnyException();
        assertThat(routed).isEmpty();
    }

    @Test
    void handle_documentedSlashCommand_isACommandWithoutTheSlash() {
        handler.handle(InboxEntry.received(Platform.SLACK, "13345224609.738474920.8088930838d88f008e0", "T0001", "k",
                "command", SlackHarness.fixture("slash_command.form"), Instant.EPOCH));

        ChatEvent.CommandInvoked command = (ChatEvent.CommandInvoked) routed.get(0);
        assertThat(command.command()).isEqualTo("weather");
        assertThat(command.arguments()).isEqualTo("94070");
        assertThat(command.replyTo()).isEqualTo("https://hooks.slack.com/commands/1234/5678");
        assertThat(command.channel().channel()).isEqualTo("C2147483705");
        assertThat(command.user().user()).isEqualTo("U2147483697");
    }

    @Test
    void handle_documentedBlockActions_isAnActionOnTheButtonsValue() {
        String form = "payload=" + java.net.URLEncoder.encode(SlackHarness.fixture("block_actions.json"),
                java.nio.charset.StandardCharsets.UTF_8);
        handler.handle(InboxEntry.received(Platform.SLACK, "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
                "T9TK3CUKW", "k", "interaction", form, Instant.EPOCH));

        ChatEvent.ActionChosen action = (ChatEvent.ActionChosen) routed.get(0);
        assertThat(action.action()).isEqualTo("WaXA");
        assertThat(action.target()).isEqualTo("click_me_123");
        assertThat(action.value()).isEmpty();
        assertThat(action.user().user()).isEqualTo("UA8RXUSPL");
        assertThat(action.user().tenant()).isEqualTo("T9TK3CUKW");
        assertThat(action.replyTo()).startsWith("https://hooks.slack.com/actions/");
    }
}
