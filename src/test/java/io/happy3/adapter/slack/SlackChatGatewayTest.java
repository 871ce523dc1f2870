package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryPermalinkStore;
import io.happy3.adapter.memory.InMemoryRenderedNudgeStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.StepId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway, directory and OAuth install against the fake Web API. */
class SlackChatGatewayTest {
    private static final ChannelRef SUPPORT = new ChannelRef(Platform.SLACK, TEAM, "C123ABC456");
    private static final UserRef AGENT = new UserRef(Platform.SLACK, TEAM, "U0AGENT1");
    private SlackHarness slack;
    private ChatGateway gateway;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
        gateway = slack.module.gateway();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private static NudgeMessage nudge(String id, String thread) {
        return new NudgeMessage(new NudgeId(id), AGENT, new MessageRef(SUPPORT, thread), new StepId("confirm-result"), "Has the customer confirmed?",
                List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.SNOOZE), false);
    }

    @Test
    void deliver_severalNudgesAtOnce_coalesceIntoOneDirectMessage_homeWhenTheSchedulerAsks() {
        gateway.deliver(AGENT, List.of(nudge("n1", "1.1"), nudge("n2", "2.2"), nudge("n3", "3.3")));

        assertThat(slack.fake.calls("chat.postEphemeral")).isEmpty();
        assertThat(slack.fake.calls("chat.postMessage")).hasSize(1);
        assertThat(slack.fake.calls("chat.postMessage").get(0).param("blocks")).contains("You have 3 nudges")
                .contains("\"value\":\"n1\"").contains("\"value\":\"n3\"");
        assertThat(slack.fake.calls("views.publish")).isEmpty();
        gateway.refreshInbox(AGENT);
        assertThat(slack.fake.calls("views.publish")).hasSize(1);
        assertThat(slack.fake.calls("views.publish").get(0).param("user_id")).isEqualTo(AGENT.user());
    }

    @Test
    void deliver_postsTheMessageAsJson_itsBlocksAnArray_theTokenAsBearer() throws IOException {
        gateway.deliver(AGENT, List.of(nudge("n1", "1.1")));
        gateway.deliver(AGENT, List.of(nudge("n2", "2.2"), nudge("n3", "3.3")));
        gateway.refreshInbox(AGENT);

        for (String method : List.of("chat.postEphemeral", "chat.postMessage", "views.publish")) {
            FakeSlackApi.Call call = slack.fake.calls(method).get(0);
            com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(call.body());
            assertThat(body.path(method.equals("views.publish") ? "view" : "blocks").isContainerNode())
                    .as(method + " body %s", call.body()).isTrue();
            assertThat(call.param("token")).as(method).isEqualTo("xoxb-test");
        }
        assertThat(slack.fake.calls("chat.postEphemeral").get(0).param("thread_ts")).isEqualTo("1.1");
        assertThat(slack.fake.calls("chat.postMessage").get(0).param("blocks")).contains("\"value\":\"n3\"");
    }

    @Test
    void deliver_archivedChannel_isAPermanentFailure() {
        slack.fake.failNext("chat.postEphemeral", "is_archived");

        assertThatThrownBy(() -> gateway.deliver(AGENT, List.of(nudge("n1", "1.1"))))
                .isInstanceOfSatisfying(ChatDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void post_withAChart_usesTheExternalUploadFlow() {
        gateway.post(SUPPORT, "What we are proud of this week", Optional.of(new ChatGateway.Attachment("chart.png",
                "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})));

        assertThat(slack.fake.methods()).containsExactly("files.getUploadURLExternal", "/upload/F0CHART",
                "files.completeUploadExternal");
        assertThat(slack.fake.calls("files.getUploadURLExternal").get(0).param("length")).isEqualTo("4");
        FakeSlackApi.Call complete = slack.fake.calls("files.completeUploadExternal").get(0);
        assertThat(complete.param("channel_id")).isEqualTo("C123ABC456");
        assertThat(complete.param("initial_comment")).isEqualTo("What we are proud of this week");
        assertThat(complete.param("files")).contains("F0CHART");
    }

    @Test
    void post_textOnly_isAChannelMessage() {
        gateway.post(SUPPORT, "Nothing to report this week.", Optional.empty());

        assertThat(slack.fake.calls("chat.postMessage").get(0).param("channel")).isEqualTo("C123ABC456");
    }

    @Test
    void directMessage_severalToOnePerson_opensTheImChannelOnceAndAgainAfterAFailedPost() {
        gateway.deliver(AGENT, List.of(nudge("n1", "1.1"), nudge("n2", "2.2")));
        gateway.directMessage(AGENT, "What's one thing you're proud of this week?");
        assertThat(slack.fake.calls("conversations.open")).hasSize(1);
        assertThat(slack.fake.calls("chat.postMessage")).hasSize(2)
                .allSatisfy(call -> assertThat(call.param("channel")).isEqualTo("DU0AGENT1"));

        slack.fake.failNext("chat.postMessage", "channel_not_found");
        assertThatThrownBy(() -> gateway.directMessage(AGENT, "lost")).isInstanceOf(ChatDeliveryException.class);
        gateway.directMessage(AGENT, "arrives");

        assertThat(slack.fake.calls("conversations.open")).hasSize(2);
        assertThat(slack.fake.calls("chat.postMessage").get(3).param("text")).isEqualTo("arrives");
    }

    @Test
    void directMessage_opensTheImChannelThenPosts() {
        gateway.directMessage(AGENT, "What's one thing you're proud of this week?");

        assertThat(slack.fake.methods()).containsExactly("conversations.open", "chat.postMessage");
        assertThat(slack.fake.calls("chat.postMessage").get(0).param("channel")).isEqualTo("DU0AGENT1");
    }

    @Test
    void permalink_isWhatChatGetPermalinkAnswers_askedOncePerMessage() {
        assertThat(gateway.permalink(new MessageRef(SUPPORT, "1355517523.000005")))
                .contains("https://example.slack.com/archives/C123ABC456/p1355517523000005");
        assertThat(gateway.permalink(new MessageRef(SUPPORT, "1355517523.000005"))).isPresent();

        assertThat(slack.fake.calls("chat.getPermalink")).hasSize(1);
        assertThat(slack.fake.calls("chat.getPermalink").get(0).param("message_ts")).isEqualTo("1355517523.000005");
        slack.fake.failNext("chat.getPermalink", "message_not_found");
        assertThat(gateway.permalink(new MessageRef(SUPPORT, "1355517599.000001"))).isEmpty();
    }

    @Test
    void permalinks_keptInTheStore_aRestartedOrOtherReplicaNeverAsksSlackAgain() {
        InMemoryPermalinkStore store = new InMemoryPermalinkStore();
        slack.module.keepPermalinksIn(store);
        MessageRef first = new MessageRef(SUPPORT, "1355517523.000005");
        MessageRef second = new MessageRef(SUPPORT, "1355517523.000006");
        assertThat(gateway.permalinks(List.of(first, second))).hasSize(2);
        assertThat(slack.fake.calls("chat.getPermalink")).hasSize(2);

        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET),
                Optional.of(new AppConfig.Secret("xoxb-test")), Optional.empty(), Optional.empty(),
                slack.fake.apiUrl());
        SlackModule restarted = SlackModule.create(config, slack.memoryInbox, new InMemoryInstallationStore(),
                new InMemoryIssueStore(), new InMemoryNudgeStore(), new InMemoryRenderedNudgeStore(), slack.clock)
                .keepPermalinksIn(store);
        slack.fake.reset();
        MessageRef third = new MessageRef(SUPPORT, "1355517523.000007");
        Map<MessageRef, String> links = restarted.gateway().permalinks(List.of(first, second, third));

        assertThat(links.get(first)).isEqualTo("https://example.slack.com/archives/C123ABC456/p1355517523000005");
        assertThat(links).containsKeys(second, third);
        assertThat(slack.fake.calls("chat.getPermalink")).hasSize(1);
        assertThat(slack.fake.calls("chat.getPermalink").get(0).param("message_ts")).isEqualTo("1355517523.000007");
    }

    @Test
    void directory_profile_readsNameAndZoneOnceThenFromTheCache() {
        var profile = slack.module.directory().profile(AGENT);
        slack.module.directory().profile(AGENT);

        assertThat(profile.displayName()).isEqualTo("Name U0AGENT1");
        assertThat(profile.zone()).contains(ZoneId.of("Europe/Berlin"));
        assertThat(slack.fake.calls("users.info")).hasSize(1);
    }

    @Test
    void directory_failedLookup_answersUnknownAndRetriesLater() {
        slack.fake.failNext("users.info", "user_not_found");

        assertThat(slack.module.directory().profile(AGENT).displayName()).isEqualTo("U0AGENT1");
        assertThat(slack.module.directory().profile(AGENT).displayName()).isEqualTo("Name U0AGENT1");
    }

    @Test
    void directory_slackConnectCustomer_isNamedWithTheirOrganisation_askedOncePerTeam() {
        UserRef priya = new UserRef(Platform.SLACK, TEAM, "U0EXTPRIYA");
        UserRef omar = new UserRef(Platform.SLACK, TEAM, "U0EXTOMAR");

        assertThat(slack.module.directory().profile(priya).displayName()).isEqualTo("Name U0EXTPRIYA (Northwind)");
        assertThat(slack.module.directory().profile(omar).displayName()).isEqualTo("Name U0EXTOMAR (Northwind)");
        assertThat(slack.module.directory().profile(AGENT).displayName())
                .as("the workspace's own people carry no organisation").isEqualTo("Name U0AGENT1");
        assertThat(slack.fake.calls("team.info")).hasSize(1);
        assertThat(slack.fake.calls("team.info").get(0).param("team")).isEqualTo("T0NORTHWIND");
    }

    @Test
    void directory_organisationUnknownToSlack_namesThePersonAlone() {
        slack.fake.failNext("team.info", "team_not_found");

        UserRef kenji = new UserRef(Platform.SLACK, TEAM, "U0EXTKENJI");

        assertThat(slack.module.directory().profile(kenji).displayName()).isEqualTo("Name U0EXTKENJI");
        assertThat(slack.module.directory().profile(kenji).displayName()).as("asked again, not cached without it")
                .isEqualTo("Name U0EXTKENJI (Northwind)");
    }

    @Test
    void directory_groupMembers_readsTheUserGroup() {
        assertThat(slack.module.directory().groupMembers(TEAM, "S0AGENTS")).containsExactlyInAnyOrder("U0AGENT1",
                "U0AGENT2");
        assertThat(slack.fake.calls("usergroups.users.list").get(0).param("usergroup")).isEqualTo("S0AGENTS");
    }

    @Test
    void oauth_installThenRedirect_storesTheWorkspaceTokenAndUsesItForThatTeam() throws Exception {
        InMemoryInstallationStore installations = new InMemoryInstallationStore();
        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET), Optional.empty(),
                Optional.of("123.456"), Optional.of(new AppConfig.Secret("client-secret")), slack.fake.apiUrl());
        SlackModule module = SlackModule.create(config, slack.memoryInbox, installations, new InMemoryIssueStore(),
                new InMemoryNudgeStore(), new io.happy3.adapter.memory.InMemoryRenderedNudgeStore(), slack.clock);
        assertThat(module.servlets()).containsKeys("/slack/events", "/slack/install", "/slack/oauth_redirect");
        try (var server = new io.happy3.adapter.http.HttpServer("127.0.0.1", 0, module.servlets().entrySet().stream()
                .map(entry -> new io.happy3.adapter.http.HttpServer.Mount(entry.getKey(), entry.getValue())).toList(),
                Optional::empty).start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> install = http.send(HttpRequest.newBuilder(URI.create(base + "/slack/install"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(install.statusCode()).isEqualTo(302);
            String location = install.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("https://slack.com/oauth/v2/authorize?client_id=123.456&scope=");
            String cookie = install.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String state = java.net.URLDecoder.decode(location.substring(location.indexOf("state=") + 6),
                    java.nio.charset.StandardCharsets.UTF_8);

            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/slack/oauth_redirect?code=abc&state=" + state)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(400);

            HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/slack/oauth_redirect?code=abc&state=" + java.net.URLEncoder.encode(state,
                    java.nio.charset.StandardCharsets.UTF_8))).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("installed in Other Org");
        }
        Installation installed = installations.find(Platform.SLACK, "T0OTHER").orElseThrow();
        assertThat(installed.botToken()).contains("xoxb-installed");
        assertThat(installed.botUserId()).contains("U0BOT2");
        assertThat(SlackInstallations.installerOf(installed)).as("the installer, the first lead").contains("U0INSTALLER");

        slack.fake.reset();
        module.gateway().directMessage(new UserRef(Platform.SLACK, "T0OTHER", "U0SOMEONE"), "hello");
        assertThat(slack.fake.calls("chat.postMessage")).hasSize(1);
        assertThatThrownBy(() -> module.gateway().directMessage(new UserRef(Platform.SLACK, "T0UNKNOWN", "U1"), "x"))
                .isInstanceOfSatisfying(ChatDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void oauth_stateWithBadSignatureOrPastItsExpiry_isRefusedAndSlackIsNotAsked() throws Exception {
        InMemoryInstallationStore installations = new InMemoryInstallationStore();
        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET), Optional.empty(),
                Optional.of("123.456"), Optional.of(new AppConfig.Secret("client-secret")), slack.fake.apiUrl());
        SlackModule module = SlackModule.create(config, slack.memoryInbox, installations, new InMemoryIssueStore(),
                new InMemoryNudgeStore(), new io.happy3.adapter.memory.InMemoryRenderedNudgeStore(), slack.clock);
        try (var server = new io.happy3.adapter.http.HttpServer("127.0.0.1", 0, module.servlets().entrySet().stream()
                .map(entry -> new io.happy3.adapter.http.HttpServer.Mount(entry.getKey(), entry.getValue())).toList(),
                Optional::empty).start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            String location = http.send(HttpRequest.newBuilder(URI.create(base + "/slack/install")).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
            String state = java.net.URLDecoder.decode(location.substring(location.indexOf("state=") + 6),
                    java.nio.charset.StandardCharsets.UTF_8);
            String[] parts = state.split("\\.");
            // An attacker who sets the cookie too: a longer expiry under the old MAC, a MAC with one digit changed.
            String longerLife = (Long.parseLong(parts[0]) + 86_400) + "." + parts[1] + "." + parts[2];
            char last = parts[2].charAt(parts[2].length() - 1);
            String otherMac = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 1)
                    + (last == '0' ? '1' : '0');
            slack.fake.reset();

            for (String forged : List.of(longerLife, otherMac)) {
                assertThat(redirect(http, base, forged).statusCode()).as(forged).isEqualTo(400);
            }
            slack.clock.advance(java.time.Duration.ofMinutes(10).plusSeconds(1));
            HttpResponse<String> expired = redirect(http, base, state);

            assertThat(expired.statusCode()).isEqualTo(400);
            assertThat(expired.body()).contains("This install link expired");
            assertThat(slack.fake.calls("oauth.v2.access")).isEmpty();
            assertThat(installations.find(Platform.SLACK, "T0OTHER")).isEmpty();
        }
    }

    private static HttpResponse<String> redirect(HttpClient http, String base, String state) throws Exception {
        String encoded = java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/slack/oauth_redirect?code=abc&state=" + encoded))
                .header("Cookie", "happy3_slack_state=" + state).build(), HttpResponse.BodyHandlers.ofString());
    }
}
