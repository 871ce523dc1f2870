package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.AGENT;
import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.app.ListCheckIns;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CheckIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App Home's check-in section, as an agent sees it: a customer whose fix they confirmed two weeks ago is on the
 * week's list with the three buttons; a press in the home records the check-in and republishes the home without
 * the entry.
 */
class SlackAppHomeCheckInsTest {
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
        String root = SlackHarness.ts(slack.clock.instant());
        slack.post(SlackHarness.message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500"));
        slack.clock.advance(Duration.ofMinutes(3));
        slack.post(SlackHarness.message("Ev0002", AGENT, SlackHarness.ts(slack.clock.instant()), root,
                "I've deployed a fix, it should work now."));
        slack.clock.advance(Duration.ofMinutes(3));
        slack.post(SlackHarness.message("Ev0003", CUSTOMER, SlackHarness.ts(slack.clock.instant()), root,
                "Works now, thanks!"));
        slack.drain();
        slack.clock.advance(Duration.ofDays(15));
        slack.fake.reset();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void appHome_listsTheWeeksCheckIns_withWhyAndTheThreeButtons() {
        JsonNode home = openHome("Ev0HOME1");

        String blocks = home.path("blocks").toString();
        assertThat(blocks).contains("*Check-ins this week* (1 to do, checked in 0 of your quota of 25)",
                "<@" + CUSTOMER + "> — confirmed the fix 14 days ago: is it still working?");
        assertThat(buttons(home)).extracting(button -> button.path("action_id").asText())
                .containsExactly("checked_in", "snooze", "not_needed");
        assertThat(buttons(home)).allSatisfy(button -> assertThat(button.path("value").asText())
                .isEqualTo(ListCheckIns.TARGET_PREFIX + CUSTOMER));
    }

    @Test
    void pressInTheHome_recordsTheCheckIn_andTheRepublishedHomeDropsTheEntry() {
        openHome("Ev0HOME2");
        slack.fake.reset();

        slack.post(homePress("checked_in", ListCheckIns.TARGET_PREFIX + CUSTOMER));
        slack.drain();

        List<CheckIn> recorded = slack.stores.checkIns().findBetween(TEAM, Instant.EPOCH,
                slack.clock.instant().plusSeconds(1));
        assertThat(recorded).extracting(CheckIn::customer, CheckIn::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new UserRef(Platform.SLACK, TEAM, CUSTOMER),
                        CheckIn.Kind.CHECKED_IN));
        assertThat(slack.fake.calls("views.publish")).as("the home shows the press at once, published once")
                .hasSize(1);
        JsonNode home = lastHome();
        assertThat(home.path("blocks").toString())
                .contains("*Check-ins this week* (0 to do, checked in 1 of your quota of 25)")
                .contains("Nobody is due for a check-in this week.");
        assertThat(buttons(home)).isEmpty();
    }

    @Test
    void deliveryRefreshes_showTheListAsLastBuilt_withoutRebuildingIt() {
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        slack.module.showCheckIns(agent -> {
            builds.incrementAndGet();
            return slack.engine.checkIns().homeSection(agent);
        });
        openHome("Ev0HOME3");

        UserRef agent = new UserRef(Platform.SLACK, TEAM, AGENT);
        for (int refresh = 0; refresh < 3; refresh++) {
            slack.module.slackGateway().refreshHome(agent);
        }

        assertThat(builds).as("the list reads four months of issues: built when the agent looks, not per delivery")
                .hasValue(1);
        assertThat(lastHome().path("blocks").toString())
                .contains("*Check-ins this week* (1 to do, checked in 0 of your quota of 25)");
    }

    private JsonNode openHome(String eventId) {
        ObjectNode opened = SlackHarness.json("app_mention.json").put("event_id", eventId);
        opened.putObject("event").put("type", "app_home_opened").put("user", AGENT).put("channel", "D0HOME")
                .put("tab", "home").put("event_ts", SlackHarness.ts(slack.clock.instant()));
        slack.post(opened.toString());
        slack.drain();
        return lastHome();
    }

    private JsonNode lastHome() {
        List<FakeSlackApi.Call> publishes = slack.fake.calls("views.publish");
        assertThat(publishes).isNotEmpty();
        try {
            return SlackHarness.JSON.readTree(publishes.get(publishes.size() - 1).param("view"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The buttons of the home's check-in entries. */
    private static List<JsonNode> buttons(JsonNode home) {
        List<JsonNode> buttons = new ArrayList<>();
        for (JsonNode block : home.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (element.path("value").asText().startsWith(ListCheckIns.TARGET_PREFIX)) {
                    buttons.add(element);
                }
            }
        }
        return buttons;
    }

    /** block_actions.json pressed in the App Home: a view container, no response_url. */
    private String homePress(String actionId, String value) {
        ObjectNode payload = SlackHarness.json("block_actions.json").put("trigger_id", "900.1.home");
        payload.remove("response_url");
        ((ObjectNode) payload.get("user")).put("id", AGENT).put("team_id", TEAM);
        ((ObjectNode) payload.get("team")).put("id", TEAM);
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME");
        payload.putObject("view").put("id", "V0HOME").put("type", "home");
        ObjectNode action = (ObjectNode) payload.withArray("actions").get(0);
        action.put("action_id", actionId).put("action_ts", SlackHarness.ts(slack.clock.instant()))
                .put("block_id", "home-checkins").put("value", value);
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }
}
