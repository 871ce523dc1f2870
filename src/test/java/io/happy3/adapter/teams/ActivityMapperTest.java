package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Reaction;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Teams activities (fixtures) translated into the core's events. */
class ActivityMapperTest {
    private final ActivityMapper mapper = new ActivityMapper();
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void map_threadReply_isAMessageInTheReplyChain() {
        List<ChatEvent> events = map(fixture("channel-reply.json"));

        ChatEvent.MessagePosted posted = (ChatEvent.MessagePosted) events.get(0);
        assertThat(posted.threadRootId()).contains("1700000000101");
        assertThat(posted.channel().channel()).isEqualTo("19:support@thread.tacv2");
        assertThat(posted.text()).isEqualTo("Sorry about that! I deployed a fix, it should be fixed now.");
    }

    @Test
    void map_mentionCommand_stripsTheBotAndEscapesOtherMentions() {
        ChatEvent.CommandInvoked command = (ChatEvent.CommandInvoked) map(fixture("channel-mention-command.json"))
                .get(0);

        assertThat(command.command()).isEqualTo("happy3");
        assertThat(command.arguments()).isEqualTo("agents <at id=\"29:agent-aad-user\"/>");
        assertThat(new TeamsMarkup().users(command.arguments())).containsExactly("29:agent-aad-user");
    }

    @Test
    void map_proudInPersonalChat_isTheProudCommand() {
        ObjectNode activity = fixture("message.json").put("text", "proud Sam stayed late to fix the export");

        ChatEvent.CommandInvoked command = (ChatEvent.CommandInvoked) map(activity).get(0);

        assertThat(command.command()).isEqualTo("proud");
        assertThat(command.arguments()).isEqualTo("Sam stayed late to fix the export");
    }

    @Test
    void map_editDeleteAndReactions_becomeTheirEvents() {
        ObjectNode edit = fixture("channel-reply.json").put("type", "messageUpdate");
        ObjectNode delete = fixture("channel-reply.json").put("type", "messageDelete");
        ObjectNode reaction = fixture("channel-reply.json").put("type", "messageReaction")
                .put("replyToId", "1700000000102");
        reaction.putArray("reactionsAdded").addObject().put("type", "like");
        reaction.withArray("reactionsAdded").addObject().put("type", "heart");

        assertThat(map(edit).get(0)).isInstanceOf(ChatEvent.MessageEdited.class);
        assertThat(((ChatEvent.MessageDeleted) map(delete).get(0)).threadRootId()).contains("1700000000101");
        assertThat(map(reaction)).extracting(event -> ((ChatEvent.ReactionAdded) event).reaction())
                .containsExactly(Reaction.CONFIRM, Reaction.STAR);
    }

    @Test
    void map_membersAdded_mapsToNothing() {
        assertThat(map(fixture("members-added.json"))).as("roles are read when people write, not when they join")
                .isEmpty();
    }

    @Test
    void map_cardActionsNotFromHappy3_areIgnored() {
        ObjectNode submit = fixture("action-submit.json");
        submit.putObject("value").put("kind", "notes").put("ticket", "T-42");
        ObjectNode invoke = fixture("action-execute.json");
        invoke.withObjectProperty("value").withObjectProperty("action").putObject("data").put("ticket", "T-42");

        assertThat(map(submit)).isEmpty();
        assertThat(map(invoke)).isEmpty();
    }

    @Test
    void map_actionExecute_isAnActionWithItsInvokeReplyTarget() {
        ChatEvent.ActionChosen chosen = (ChatEvent.ActionChosen) map(fixture("action-execute.json")).get(0);

        assertThat(chosen.target()).isEqualTo("NUDGE-ID");
        assertThat(chosen.action()).isEqualTo("customer_confirmed");
        assertThat(ReplyTarget.parse(chosen.replyTo())).isEqualTo(new ReplyTarget.Invoke("1700000000004",
                "a:personal-conv-1", "fake-activity-2"));
    }

    @Test
    void zone_fromClientInfoEntity_whenNoLocalTimezone() {
        ObjectNode activity = fixture("channel-message.json");
        activity.remove("localTimezone");

        assertThat(TeamsActivities.zone(TeamsActivities.parse(activity.toString())))
                .isEqualTo(Optional.of(java.time.ZoneId.of("Europe/Berlin")));
    }

    private List<ChatEvent> map(ObjectNode activity) {
        return mapper.map(TeamsActivities.parse(activity.toString()), now);
    }

    private static ObjectNode fixture(String name) {
        try (InputStream in = ActivityMapperTest.class.getResourceAsStream("/teams/" + name)) {
            return (ObjectNode) TeamsTestBed.JSON.readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
