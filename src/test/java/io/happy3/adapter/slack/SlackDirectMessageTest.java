package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.WorkingHours;
import java.io.IOException;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Direct messages to the bot (the Messages tab): help, review and the sender's own settings. */
class SlackDirectMessageTest {
    private static final String PERSON = "U0PERSON";
    private final AtomicInteger ids = new AtomicInteger();
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    /** Sends {@code text} as a DM from {@link #PERSON}; returns what the bot posted back. */
    private String dm(String text) {
        slack.fake.reset();
        ObjectNode envelope = SlackHarness.json("message.channels.json").put("event_id", "Ev0DM" + ids.incrementAndGet());
        ((ObjectNode) envelope.get("event")).put("channel", "D0PERSON").put("channel_type", "im").put("user", PERSON)
                .put("text", text).put("ts", "1795424400.00010" + ids.get());
        assertThat(slack.post(envelope.toString()).statusCode()).isEqualTo(200);
        slack.drain();
        return String.join("\n", slack.fake.calls("chat.postMessage").stream().map(call -> call.param("text")).toList());
    }

    @Test
    void help_isAnsweredInTheDirectMessage() {
        assertThat(dm("help")).contains("/happy3 follow");
        assertThat(slack.fake.calls("chat.postMessage").get(0).param("channel")).isEqualTo("D" + PERSON);
    }

    @Test
    void ownTimeZone_isSetFromADirectMessage() {
        dm("tz Europe/Lisbon");

        assertThat(slack.engine.team().profile(new UserRef(Platform.SLACK, TEAM, PERSON)).zone())
                .contains(ZoneId.of("Europe/Lisbon"));
    }

    @Test
    void ownWorkingHours_areSetFromADirectMessage_andAMistakeChangesNothing() {
        UserRef person = new UserRef(Platform.SLACK, TEAM, PERSON);
        assertThat(dm("hours mon-fri 8:30-16")).contains("Working hours set to mon,tue,wed,thu,fri 08:30-16:00");
        assertThat(slack.engine.team().profile(person).hours()).contains(WorkingHours.parse("mon-fri 8:30-16"));

        assertThat(dm("hours 17-9")).contains("must end after they start").contains("Nothing was changed");
        assertThat(dm("hours")).contains("Your working hours: mon,tue,wed,thu,fri 08:30-16:00");
        assertThat(dm("hours off")).contains("the playbook's apply again");
        assertThat(slack.engine.team().profile(person).hours()).isEmpty();
    }

    @Test
    void review_isAnswered() {
        assertThat(slack.fake.calls("chat.postMessage")).isEmpty();
        dm("review");

        assertThat(slack.fake.calls("chat.postMessage").size() + slack.fake.calls("chat.postEphemeral").size()
                + slack.fake.calls("files.completeUploadExternal").size()).isPositive();
    }

    @Test
    void channelCommandsOrChatter_getTheHelp_andChangeNothing() {
        assertThat(dm("follow")).contains("/happy3 follow");
        assertThat(dm("hello there")).contains("/happy3 follow");
        assertThat(slack.channelSettings.find(new io.happy3.domain.chat.ChannelRef(Platform.SLACK, TEAM, "D0PERSON")))
                .isEmpty();
    }
}
