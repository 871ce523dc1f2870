package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.AGENT;
import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static io.happy3.adapter.slack.SlackHarness.message;
import static io.happy3.adapter.slack.SlackHarness.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryRenderedNudgeStore;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcRenderedNudgeStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.RenderedNudgeStore;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.StepId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The App Home is built from stored renderings: after a restart, and on another replica, it is the same. */
class SlackAppHomeReplicaTest {
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void anotherReplica_publishesTheSameHomeTextsAndButtons() {
        String root = ts(slack.clock.instant());
        slack.post(message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500"));
        slack.clock.advance(Duration.ofMinutes(12));
        slack.post(message("Ev0002", AGENT, ts(slack.clock.instant()), root, "I've deployed a fix, it's fixed now."));
        slack.drain();
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(slack.engine.delivery().tick()).isEqualTo(1);
        String nudgeBlock = "You said this is fixed. Has Name U0CUSTOMER confirmed it works for them?";
        assertThat(slack.fake.calls("views.publish").get(0).param("view")).contains(nudgeBlock);

        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET),
                Optional.of(new AppConfig.Secret("xoxb-test")), Optional.empty(), Optional.empty(),
                slack.fake.apiUrl());
        SlackModule replica = SlackModule.create(config, slack.memoryInbox, new InMemoryInstallationStore(),
                slack.issues, slack.nudges, slack.rendered, slack.clock, SlackModule.MAX_BODY_BYTES, d -> { },
                Duration.ofSeconds(2));
        slack.fake.reset();
        replica.slackGateway().publishHome(new UserRef(Platform.SLACK, TEAM, AGENT), false);

        String again = slack.fake.calls("views.publish").get(0).param("view");
        assertThat(again).contains("*Waiting on you* (1)").contains(nudgeBlock).contains("customer_confirmed")
                .contains("asked_now").contains("|tomorrow");
    }

    @Test
    void withoutTheStoredRendering_theHomeLosesTheText() {
        String root = ts(slack.clock.instant());
        slack.post(message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500"));
        slack.clock.advance(Duration.ofMinutes(12));
        slack.post(message("Ev0002", AGENT, ts(slack.clock.instant()), root, "I've deployed a fix, it's fixed now."));
        slack.drain();
        slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
        slack.engine.delivery().tick();

        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET),
                Optional.of(new AppConfig.Secret("xoxb-test")), Optional.empty(), Optional.empty(),
                slack.fake.apiUrl());
        SlackModule emptyStore = SlackModule.create(config, slack.memoryInbox, new InMemoryInstallationStore(),
                slack.issues, slack.nudges, new InMemoryRenderedNudgeStore(), slack.clock, SlackModule.MAX_BODY_BYTES,
                d -> { }, Duration.ofSeconds(2));
        slack.fake.reset();
        emptyStore.slackGateway().publishHome(new UserRef(Platform.SLACK, TEAM, AGENT), false);

        assertThat(slack.fake.calls("views.publish").get(0).param("view")).doesNotContain("Has Name U0CUSTOMER");
    }

    @Test
    void jdbcStore_keepsTextAndActions() {
        try (Database database = Database.open("jdbc:h2:mem:rendered-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "", "")) {
            RenderedNudgeStore store = new JdbcRenderedNudgeStore(database);
            NudgeMessage message = new NudgeMessage(new NudgeId("n-1"), new UserRef(Platform.SLACK, TEAM, AGENT),
                    new MessageRef(new ChannelRef(Platform.SLACK, TEAM, "C1"), "1700000000.000100"), new StepId("confirm-result"),
                    "Has Chris confirmed it works?", List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.SNOOZE), true);
            store.save(message);
            store.save(message);

            assertThat(store.find(new NudgeId("n-1"))).contains(message);
            assertThat(store.find(new NudgeId("n-2"))).isEmpty();
        }
    }
}
