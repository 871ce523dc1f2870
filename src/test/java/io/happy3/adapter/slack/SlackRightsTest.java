package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.CHANNEL;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.team.ChannelSettings;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may change a channel's coaching over Slack: workspace admins and owners ({@code users.info} at the
 * fake Web API) and the channel's leads; anyone else is told who may.
 */
class SlackRightsTest {
    private static final ChannelRef SUPPORT = new ChannelRef(Platform.SLACK, TEAM, CHANNEL);
    private static final String MEMBER = "U0MEMBER";
    private static final String LEAD = "U0LEAD";
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
        slack.channelSettings.save(ChannelSettings.followedWith(SUPPORT, PlaybookId.DEFAULT).withLeads(Set.of(LEAD)));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private String run(String triggerId, String user, String text) {
        slack.fake.reset();
        assertThat(slack.post(slack.slashCommand(triggerId, user, "/happy3", text)).statusCode()).isEqualTo(200);
        slack.drain();
        return slack.fake.calls("/commands/1234/5678").get(0).body();
    }

    private Set<String> leads() {
        return slack.channelSettings.find(SUPPORT).orElseThrow().leads();
    }

    @Test
    void aChannelMember_cannotMakeThemselvesLead_andIsToldWhoCan() {
        String answer = run("1.member.leads", MEMBER, "leads <@" + MEMBER + ">");

        assertThat(answer).contains("Only workspace admins and owners or this channel's leads (<@U0LEAD>)")
                .contains("/happy3 leads");
        assertThat(leads()).containsExactly(LEAD);
    }

    @Test
    void aChannelMember_cannotUnfollowOrSetAgents() {
        assertThat(run("2.member.unfollow", MEMBER, "unfollow")).contains("Only workspace admins");
        assertThat(run("3.member.agents", MEMBER, "agents <@" + MEMBER + ">")).contains("Only workspace admins");

        ChannelSettings settings = slack.channelSettings.find(SUPPORT).orElseThrow();
        assertThat(settings.followed()).isTrue();
        assertThat(settings.agents()).doesNotContain(MEMBER);
    }

    @Test
    void theChannelsLead_andAWorkspaceAdmin_may() {
        assertThat(run("4.lead.leads", LEAD, "leads <@" + LEAD + "> <@U0OTHER>")).contains("Leads of this channel");
        assertThat(leads()).containsExactlyInAnyOrder(LEAD, "U0OTHER");

        assertThat(run("5.admin.unfollow", "U0ADMIN1", "unfollow")).contains("Stopped following");
        assertThat(slack.fake.calls("users.info")).isNotEmpty();
    }

    @Test
    void everyoneMayStillAskForHelpAndMuteThemselves() {
        assertThat(run("6.member.help", MEMBER, "help")).contains("/happy3 follow");
        assertThat(run("7.member.mute", MEMBER, "mute 2h")).doesNotContain("Only workspace admins");
    }
}
