package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.AGENT;
import static io.happy3.adapter.slack.SlackHarness.CHANNEL;
import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static io.happy3.adapter.slack.SlackHarness.message;
import static io.happy3.adapter.slack.SlackHarness.ts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.PlaybookId;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole Slack loop through the real server on port 0 and the fake Web API: a customer asks, the
 * agent claims a fix, the confirm nudge arrives in the thread and the App Home, a button press confirms,
 * and three days later the follow-up nudge arrives.
 */
class SlackEndToEndTest {
    private static final ChannelRef SUPPORT = new ChannelRef(Platform.SLACK, TEAM, CHANNEL);
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private String customerAsks() {
        String root = ts(slack.clock.instant());
        assertThat(slack.post(message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500 since this morning"))
                .statusCode()).isEqualTo(200);
        slack.clock.advance(Duration.ofMinutes(12));
        String reply = ts(slack.clock.instant());
        assertThat(slack.post(message("Ev0002", AGENT, reply, root,
                "I've deployed a fix, it should work now — it's fixed on our side.")).statusCode()).isEqualTo(200);
        assertThat(slack.drain()).isEqualTo(2);
        return root;
    }

    private Issue issue(String root) {
        return slack.issues.find(IssueId.of(new MessageRef(SUPPORT, root))).orElseThrow();
    }

    @Test
    void fixClaim_confirmNudgeButtonAndFollowUp_travelThroughSlack() throws IOException {
        String root = customerAsks();
        assertThat(issue(root).state()).isEqualTo(IssueState.RESOLUTION_PROPOSED);

        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(slack.engine.delivery().tick()).isEqualTo(1);

        FakeSlackApi.Call ephemeral = slack.fake.calls("chat.postEphemeral").get(0);
        assertThat(ephemeral.param("channel")).isEqualTo(CHANNEL);
        assertThat(ephemeral.param("user")).isEqualTo(AGENT);
        assertThat(ephemeral.param("thread_ts")).isEqualTo(root);
        assertThat(ephemeral.param("text")).contains("Has Name U0CUSTOMER confirmed it works");
        JsonNode buttons = SlackHarness.JSON.readTree(ephemeral.param("blocks")).get(1).get("elements");
        assertThat(buttons.findValuesAsText("action_id"))
                .containsExactly("customer_confirmed", "asked_now", "not_resolved", "snooze");
        String nudgeId = buttons.get(0).get("value").asText();
        assertThat(buttons.get(3).get("options").findValuesAsText("value"))
                .containsExactly(nudgeId + "|1h", nudgeId + "|3h", nudgeId + "|tomorrow", nudgeId + "|customer");

        FakeSlackApi.Call home = slack.fake.calls("views.publish").get(0);
        assertThat(home.param("user_id")).isEqualTo(AGENT);
        assertThat(home.param("view")).contains("Waiting on you* (1)").contains("Has Name U0CUSTOMER confirmed")
                .contains(nudgeId);

        String blockId = SlackHarness.JSON.readTree(ephemeral.param("blocks")).get(1).get("block_id").asText();
        assertThat(slack.post(slack.blockAction("111.222.press", AGENT, "customer_confirmed", nudgeId, false,
                blockId)).statusCode()).isEqualTo(200);
        List<io.happy3.domain.inbox.InboxEntry> entries = slack.memoryInbox.entries();
        assertThat(entries.get(entries.size() - 1).orderingKey()).as("the press is ordered with its issue's thread")
                .isEqualTo(entries.get(0).orderingKey());
        slack.drain();

        Issue confirmed = issue(root);
        assertThat(confirmed.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(confirmed.last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.AGENT_ATTESTED);
        FakeSlackApi.Call replaced = slack.fake.calls("/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209").get(0);
        JsonNode update = SlackHarness.JSON.readTree(replaced.body());
        assertThat(update.get("replace_original").asBoolean()).isTrue();
        assertThat(update.get("text").asText()).contains("confirmed by the customer (agent-attested)");
        assertThat(slack.fake.calls("views.publish")).hasSize(2);
        assertThat(slack.fake.calls("views.publish").get(1).param("view")).contains("Waiting on you* (0)")
                .contains("follow-up in <#" + CHANNEL + ">");

        slack.fake.reset();
        slack.clock.advance(Duration.ofDays(3).plusMinutes(1));
        assertThat(slack.engine.delivery().tick()).isEqualTo(1);
        FakeSlackApi.Call followUp = slack.fake.calls("chat.postEphemeral").get(0);
        assertThat(followUp.param("text")).contains("confirmed the fix 3 days ago");
        assertThat(SlackHarness.JSON.readTree(followUp.param("blocks")).findValuesAsText("action_id"))
                .containsExactly("followed_up", "skip");
    }

    @Test
    void duplicateDelivery_sameEventIdRetried_isCountedOnce() {
        String root = ts(slack.clock.instant());
        String body = message("Ev0DUP", CUSTOMER, root, null, "Exports fail with error 500");
        assertThat(slack.post(body).statusCode()).isEqualTo(200);
        assertThat(slack.post(body, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout").statusCode())
                .isEqualTo(200);

        assertThat(slack.memoryInbox.entries()).hasSize(1);
        assertThat(slack.drain()).isEqualTo(1);
        assertThat(issue(root).events(IssueEventType.ISSUE_OPENED)).hasSize(1);
    }

    @Test
    void rateLimited_429WithRetryAfter_isRetriedAndDelivered() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        slack.module.reportTo(new io.happy3.app.Telemetry() {
            @Override
            public void eventReceived(Platform platform, boolean duplicate) {
            }

            @Override
            public void eventFailed(Platform platform) {
            }

            @Override
            public void ackLatency(Platform platform, long nanos) {
            }

            @Override
            public void nudge(String outcome) {
            }

            @Override
            public void schedulerLag(long millis) {
            }

            @Override
            public void apiCall(Platform platform, String method, int status) {
                calls.add(method + " " + status);
            }
        });
        customerAsks();
        slack.fake.rateLimitNext("chat.postEphemeral", 2);
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));

        assertThat(slack.engine.delivery().tick()).isEqualTo(1);

        assertThat(slack.fake.calls("chat.postEphemeral")).hasSize(2);
        assertThat(slack.sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(calls).as("reported to /metrics").containsSubsequence("chat.postEphemeral 429",
                "chat.postEphemeral 200");
    }

    @Test
    void rateLimited_retriesExhausted_nudgeStaysPendingForTheNextTick() {
        customerAsks();
        for (int i = 0; i < 3; i++) {
            slack.fake.rateLimitNext("chat.postEphemeral", 1);
        }
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));

        assertThat(slack.engine.delivery().tick()).isZero();
        List<Nudge> pending = slack.nudges.findInbox(new io.happy3.domain.chat.UserRef(Platform.SLACK, TEAM, AGENT));
        assertThat(pending).extracting(Nudge::status).containsExactly(NudgeStatus.PENDING);

        slack.clock.advance(Duration.ofMinutes(1));
        assertThat(slack.engine.delivery().tick()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndTimeouts_nudgeRetriedWithBackoffAndDeliveredOnce() {
        customerAsks();
        UserRef agent = new UserRef(Platform.SLACK, TEAM, AGENT);
        slack.fake.answerNextWith("chat.postEphemeral", 500);
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));

        assertThat(slack.engine.delivery().tick()).as("Slack answered 500").isZero();
        Nudge retried = slack.nudges.findInbox(agent).get(0);
        assertThat(retried.status()).isEqualTo(NudgeStatus.PENDING);
        assertThat(retried.dueAt()).as("backed off").isAfter(slack.clock.instant());
        assertThat(slack.engine.delivery().tick()).as("not before its backoff").isZero();

        for (int i = 0; i < 3; i++) {
            slack.fake.stallNext("chat.postEphemeral", 1_500); // longer than the client's call timeout
        }
        slack.clock.advance(Duration.between(slack.clock.instant(), retried.dueAt()));
        assertThat(slack.engine.delivery().tick()).as("every call timed out").isZero();
        Nudge backedOffAgain = slack.nudges.find(retried.id()).orElseThrow();
        assertThat(backedOffAgain.dueAt()).isAfter(retried.dueAt());

        slack.clock.advance(Duration.between(slack.clock.instant(), backedOffAgain.dueAt()));
        assertThat(slack.engine.delivery().tick()).isEqualTo(1);
        slack.clock.advance(Duration.ofHours(1));
        assertThat(slack.engine.delivery().tick()).as("nothing sent twice").isZero();

        assertThat(slack.nudges.find(retried.id()).orElseThrow().status()).isEqualTo(NudgeStatus.SENT);
        assertThat(slack.fake.calls("chat.postEphemeral")).as("one 500, three timeouts, one delivery").hasSize(5);
    }

    @Test
    void slackRefusesForGood_nudgeEndsFailedAndTheReviewSaysSo() {
        customerAsks();
        slack.fake.failNext("chat.postEphemeral", "account_inactive");
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));

        assertThat(slack.engine.delivery().tick()).isZero();
        slack.clock.advance(Duration.ofDays(1));
        assertThat(slack.engine.delivery().tick()).as("a failed nudge is not retried").isZero();

        Nudge failed = slack.nudges.findByIssue(slack.issues.findActive().get(0).id()).get(0);
        assertThat(failed.status()).isEqualTo(NudgeStatus.FAILED);
        assertThat(failed.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("account_inactive"));
        slack.post(slack.slashCommand("555.3.review", "/review", ""));
        slack.drain();
        assertThat(slack.fake.calls("/commands/1234/5678").get(0).body())
                .contains("1 nudge could not be delivered after every retry");
    }

    @Test
    void agentNotInChannel_nudgeFallsBackToADirectMessage() {
        customerAsks();
        slack.fake.failNext("chat.postEphemeral", "user_not_in_channel");
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));

        assertThat(slack.engine.delivery().tick()).isEqualTo(1);

        assertThat(slack.fake.calls("conversations.open").get(0).param("users")).isEqualTo(AGENT);
        FakeSlackApi.Call dm = slack.fake.calls("chat.postMessage").get(0);
        assertThat(dm.param("channel")).isEqualTo("D" + AGENT);
        assertThat(dm.param("blocks")).contains("customer_confirmed")
                .contains("https://example.slack.com/archives/" + CHANNEL + "/p");
    }

    @Test
    void snoozeMenu_choiceSnoozesTheNudgeAndUpdatesTheMessage() throws IOException {
        customerAsks();
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
        slack.engine.delivery().tick();
        String nudgeId = SlackHarness.JSON.readTree(slack.fake.calls("chat.postEphemeral").get(0).param("blocks"))
                .get(1).get("elements").get(0).get("value").asText();

        slack.post(slack.blockAction("333.444.snooze", AGENT, "snooze", nudgeId + "|3h", true));
        slack.drain();

        Nudge snoozed = slack.nudges.find(new io.happy3.domain.nudge.NudgeId(nudgeId)).orElseThrow();
        assertThat(snoozed.status()).isEqualTo(NudgeStatus.PENDING);
        assertThat(snoozed.dueAt()).isEqualTo(slack.clock.instant().plus(Duration.ofHours(3)));
        assertThat(slack.fake.calls("/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209").get(0).body())
                .contains("Snoozed until");
    }

    @Test
    void homePress_onANudge_answersItAndPublishesTheHomeOnce() throws IOException {
        customerAsks();
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
        slack.engine.delivery().tick();
        String nudgeId = SlackHarness.JSON.readTree(slack.fake.calls("chat.postEphemeral").get(0).param("blocks"))
                .get(1).get("elements").get(0).get("value").asText();
        slack.fake.reset();

        ObjectNode payload = SlackHarness.json("block_actions.json").put("trigger_id", "900.2.home");
        payload.remove("response_url");
        ((ObjectNode) payload.get("user")).put("id", AGENT).put("team_id", TEAM);
        ((ObjectNode) payload.get("team")).put("id", TEAM);
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME");
        payload.putObject("view").put("id", "V0HOME").put("type", "home");
        ((ObjectNode) payload.withArray("actions").get(0)).put("action_id", "customer_confirmed")
                .put("action_ts", ts(slack.clock.instant())).put("block_id", "nudge:" + nudgeId).put("value", nudgeId);
        slack.post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8));
        slack.drain();

        assertThat(slack.nudges.find(new io.happy3.domain.nudge.NudgeId(nudgeId)).orElseThrow().status())
                .isEqualTo(NudgeStatus.ACTED);
        // Once for the view the agent looks at, not a second time for the answered nudge in it.
        assertThat(slack.fake.calls("views.publish")).hasSize(1);
        assertThat(slack.fake.calls("views.publish").get(0).param("view")).contains("Waiting on you* (0)");
    }

    @Test
    void slashCommand_happy3Follow_answersThroughTheResponseUrl() {
        assertThat(slack.post(slack.slashCommand("555.666.follow", "/happy3", "follow")).statusCode()).isEqualTo(200);
        slack.drain();

        FakeSlackApi.Call answer = slack.fake.calls("/commands/1234/5678").get(0);
        assertThat(answer.body()).contains("\"response_type\":\"ephemeral\"")
                .contains("Following this channel with playbook `default`");
        assertThat(slack.channelSettings.find(SUPPORT).orElseThrow().followed()).isTrue();
    }

    @Test
    void review_leadGetsTheScorecardAndAcceptsAProudMomentWithAButton() throws IOException {
        String root = customerAsks();
        slack.clock.advance(Duration.ofMinutes(20));
        slack.post(message("Ev0003", CUSTOMER, ts(slack.clock.instant()), root, "Works now, thank you so much!"));
        // The lead is configured the way an admin sets one up (the stored channel settings), not by the
        // agent naming themself lead with /happy3 leads.
        slack.channelSettings.save(io.happy3.domain.team.ChannelSettings.followedWith(SUPPORT, PlaybookId.DEFAULT)
                .withAgents(java.util.Set.of(AGENT), java.util.Set.of()).withLeads(java.util.Set.of(AGENT)));
        slack.drain();
        slack.fake.reset();
        slack.clock.advance(Duration.ofMinutes(1));

        slack.post(slack.slashCommand("555.2.review", "/review", ""));
        slack.drain();
        JsonNode answer = SlackHarness.JSON.readTree(slack.fake.calls("/commands/1234/5678").get(0).body());
        assertThat(answer.get("text").asText()).contains("Verified-resolution rate: *100%* (1/1)");
        JsonNode accept = answer.get("blocks").findParents("action_id").stream()
                .filter(button -> button.get("action_id").asText().equals("accept")).findFirst().orElseThrow();
        slack.post(slack.blockAction("777.888.accept", AGENT, "accept", accept.get("value").asText(), false));
        slack.drain();

        assertThat(slack.fake.calls("/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209").get(0).body())
                .contains("Accepted for the digest: Name U0CUSTOMER confirmed the fix and thanked Name U0AGENT1.");
    }

    @Test
    void checkInButton_signedBlockAction_recordsTheCheckInAndAnswersPrivately() {
        slack.post(slack.blockAction("777.999.checkin", AGENT, "checked_in", "checkin:" + CUSTOMER, false));
        slack.drain();

        assertThat(slack.checkIns.findBetween(TEAM, Instant.EPOCH, slack.clock.instant().plusSeconds(1)))
                .singleElement().satisfies(checkIn -> {
                    assertThat(checkIn.customer().user()).isEqualTo(CUSTOMER);
                    assertThat(checkIn.agent().user()).isEqualTo(AGENT);
                    assertThat(checkIn.kind()).isEqualTo(io.happy3.domain.customer.CheckIn.Kind.CHECKED_IN);
                });
        assertThat(slack.fake.calls("/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209").get(0).body())
                .contains("Checked in with <@" + CUSTOMER + ">.");
    }

    @Test
    void slashCommand_unknownVerb_answersHelp() {
        slack.post(slack.slashCommand("555.777.bogus", "/happy3", "bogus"));
        slack.drain();

        assertThat(slack.fake.calls("/commands/1234/5678").get(0).body()).contains("I don't know `bogus`")
                .contains("/happy3 follow [playbook]");
    }

    @Test
    void botMessages_andTheBotsOwnMessages_areIgnored() {
        String root = ts(slack.clock.instant());
        com.fasterxml.jackson.databind.node.ObjectNode fromBot = SlackHarness.json("message.channels.json")
                .put("event_id", "Ev0BOT");
        ((com.fasterxml.jackson.databind.node.ObjectNode) fromBot.get("event")).put("ts", root)
                .put("bot_id", "B0OTHER").put("subtype", "bot_message");
        slack.post(fromBot.toString());
        slack.post(message("Ev0SELF", "U0HAPPY3", ts(Instant.parse("2026-11-23T09:00:01Z")), null, "I am the bot"));
        slack.drain();

        assertThat(slack.issues.findActive()).isEmpty();
    }

    @Test
    void reactionAdded_checkMarkFromTheCustomer_confirmsWithTheirReaction() {
        String root = customerAsks();
        com.fasterxml.jackson.databind.node.ObjectNode reaction = SlackHarness.json("reaction_added.json")
                .put("event_id", "Ev0REACT");
        com.fasterxml.jackson.databind.node.ObjectNode event =
                (com.fasterxml.jackson.databind.node.ObjectNode) reaction.get("event");
        event.put("user", CUSTOMER).put("reaction", "white_check_mark").put("event_ts", ts(slack.clock.instant()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("item")).put("ts", root);
        slack.post(reaction.toString());
        slack.drain();

        assertThat(issue(root).state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(issue(root).last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.CUSTOMER_REACTION);
    }

    @Test
    void appHomeOpened_publishesTheAgentsInbox() {
        com.fasterxml.jackson.databind.node.ObjectNode opened = SlackHarness.json("app_mention.json")
                .put("event_id", "Ev0HOME");
        opened.putObject("event").put("type", "app_home_opened").put("user", AGENT).put("channel", "D0HOME")
                .put("tab", "home").put("event_ts", ts(slack.clock.instant()));
        slack.post(opened.toString());
        slack.drain();

        assertThat(slack.fake.calls("views.publish").get(0).param("user_id")).isEqualTo(AGENT);
    }
}
