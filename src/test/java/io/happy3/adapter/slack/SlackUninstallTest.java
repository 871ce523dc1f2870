package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.AGENT;
import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static io.happy3.adapter.slack.SlackHarness.message;
import static io.happy3.adapter.slack.SlackHarness.ts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code app_uninstalled} and {@code tokens_revoked}: nothing more is sent to that workspace. */
class SlackUninstallTest {
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private static String event(String eventId, ObjectNode event) {
        ObjectNode envelope = SlackHarness.json("message.channels.json").put("event_id", eventId).put("team_id", TEAM);
        envelope.set("event", event);
        return envelope.toString();
    }

    /** A customer asks and the agent claims a fix: the confirm nudge is due two hours later. */
    private void fixClaimed() {
        String root = ts(slack.clock.instant());
        slack.post(message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500"));
        slack.clock.advance(Duration.ofMinutes(12));
        slack.post(message("Ev0002", AGENT, ts(slack.clock.instant()), root, "I've deployed a fix, it's fixed now."));
        slack.drain();
    }

    private int sentAfterTwoHours() {
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
        slack.engine.delivery().tick();
        return slack.fake.calls("chat.postEphemeral").size() + slack.fake.calls("chat.postMessage").size();
    }

    @Test
    void appUninstalled_stopsEverySendToThatWorkspace() {
        fixClaimed();
        ObjectNode uninstalled = SlackHarness.JSON.createObjectNode().put("type", "app_uninstalled");
        assertThat(slack.post(event("Ev0UNINSTALL", uninstalled)).statusCode()).isEqualTo(200);
        slack.drain();

        assertThat(sentAfterTwoHours()).isZero();
    }

    @Test
    void tokensRevoked_forTheBot_stopsSending_butAUserTokenAloneDoesNot() {
        fixClaimed();
        ObjectNode userOnly = SlackHarness.JSON.createObjectNode().put("type", "tokens_revoked");
        userOnly.putObject("tokens").putArray("oauth").add("U0SOMEONE");
        slack.post(event("Ev0REVOKE1", userOnly));
        slack.drain();
        ObjectNode bot = SlackHarness.JSON.createObjectNode().put("type", "tokens_revoked");
        bot.putObject("tokens").putArray("bot").add("U0HAPPY3");
        slack.post(event("Ev0REVOKE2", bot));
        slack.drain();

        assertThat(sentAfterTwoHours()).isZero();
    }

    @Test
    void withoutUninstall_theNudgeIsSent() {
        fixClaimed();

        assertThat(sentAfterTwoHours()).isEqualTo(1);
    }
}
