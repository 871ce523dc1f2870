package io.happy3.adapter.teams;

import static io.happy3.adapter.teams.TeamsTestBed.AGENT;
import static io.happy3.adapter.teams.TeamsTestBed.CHANNEL;
import static io.happy3.adapter.teams.TeamsTestBed.TEAM_GROUP;
import static io.happy3.adapter.teams.TeamsTestBed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.team.ChannelSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 on Teams: only the team's owners (per Microsoft Graph, asked with an app-only token) and the channel's
 * leads change how a channel is coached. Real activities through the real servlet, a fake Bot Connector and a
 * fake of Entra's token endpoint and Graph's team members.
 */
class TeamsOwnersTest {
    private static final String LEAD_AAD = "00000000-0000-0000-0000-0000000000ll";
    private static final String AGENT_AAD = "00000000-0000-0000-0000-0000000000aa";
    private final FakeMicrosoftGraph graph = new FakeMicrosoftGraph();
    private final TeamsTestBed bed = new TeamsTestBed(graph);
    private final ChannelRef channel = new ChannelRef(Platform.TEAMS, TENANT, CHANNEL);

    @AfterEach
    void close() {
        bed.close();
        graph.close();
    }

    @Test
    void teamOwner_setsAgents_memberWhoOwnsNothingIsRefusedWithWhoMay() {
        graph.owner(LEAD_AAD);
        installedBy("29:installer-aad-user", "Ida Installer");

        command("1700000000103", "agents <at>Alex Agent</at>", activity -> { });
        command("1700000000104", "leads <at>Alex Agent</at>", activity -> {
            activity.withObjectProperty("from").put("id", AGENT).put("name", "Alex Agent").put("aadObjectId",
                    AGENT_AAD);
        });
        bed.drainInbox();

        ChannelSettings settings = bed.stores.channelSettings().find(channel).orElseThrow();
        assertThat(settings.agents()).as("the owner's command ran").containsExactly(AGENT);
        assertThat(settings.leads()).as("the member's did not").isEmpty();
        assertThat(replies()).hasSize(2);
        assertThat(replies().get(0)).as("people named as Teams shows them").isEqualTo("Agents of this channel: "
                + "Alex Agent.");
        assertThat(replies().get(1)).contains("Only this team's owners or this channel's leads (Ida Installer) can "
                + "run /happy3 leads").contains("ask a team owner");
        List<FakeMicrosoftGraph.Call> asked = graph.calls().stream().filter(call -> call.method().equals("GET"))
                .toList();
        assertThat(asked).extracting(FakeMicrosoftGraph.Call::path)
                .containsOnly("/v1.0/teams/" + TEAM_GROUP + "/members");
        assertThat(asked).extracting(FakeMicrosoftGraph.Call::query).containsExactly(
                "$filter=(microsoft.graph.aadUserConversationMember/userId eq '" + LEAD_AAD + "')",
                "$filter=(microsoft.graph.aadUserConversationMember/userId eq '" + AGENT_AAD + "')");
        assertThat(graph.calls()).filteredOn(call -> call.method().equals("POST")).as("one app-only token, reused")
                .singleElement().satisfies(call -> {
                    assertThat(call.path()).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
                    assertThat(call.body()).contains("grant_type=client_credentials")
                            .contains("scope=https://graph.microsoft.com/.default").contains("client_id=test-app-id");
                });
    }

    @Test
    void graphRefuses_withoutTheConsent_nobodyIsTakenForAnOwner() {
        graph.owner(LEAD_AAD);
        graph.membersAnswer(403);
        installedBy("29:installer-aad-user", "Ida Installer");

        command("1700000000103", "agents <at>Alex Agent</at>", activity -> { });
        bed.drainInbox();

        assertThat(bed.stores.channelSettings().find(channel).map(ChannelSettings::agents).orElse(java.util.Set.of()))
                .isEmpty();
        assertThat(replies()).singleElement().asString().contains("Only this team's owners");
    }

    @Test
    void channelLead_needsNoOwnership() {
        bed.post("members-added.json");
        bed.stores.channelSettings().save(ChannelSettings.followedWith(channel, io.happy3.domain.playbook.PlaybookId
                .DEFAULT).withLeads(java.util.Set.of("29:lead-aad-user")));

        command("1700000000103", "agents <at>Alex Agent</at>", activity -> { });
        bed.drainInbox();

        assertThat(bed.stores.channelSettings().find(channel).orElseThrow().agents()).containsExactly(AGENT);
    }

    @Test
    void whoeverAddedTheApp_isItsFirstLead() {
        installedBy("29:lead-aad-user", "Lee Lead");

        command("1700000000103", "agents <at>Alex Agent</at>", activity -> { });
        bed.drainInbox();

        assertThat(bed.stores.channelSettings().find(channel).orElseThrow().agents()).containsExactly(AGENT);
        assertThat(graph.calls()).as("the installer needs no ownership").isEmpty();
    }

    private void installedBy(String id, String name) {
        bed.post("members-added.json", activity -> activity.withObjectProperty("from").put("id", id)
                .put("name", name).put("aadObjectId", "00000000-0000-0000-0000-0000000000ii"));
        bed.drainInbox();
    }

    private void command(String id, String text, java.util.function.Consumer<com.fasterxml.jackson.databind.node
            .ObjectNode> change) {
        assertThat(bed.post("channel-mention-command.json", activity -> {
            activity.put("id", id);
            activity.put("text", "<at>SupportCoach</at> " + text);
            activity.withObjectProperty("conversation").put("id", CHANNEL + ";messageid=" + id);
            change.accept(activity);
        }).statusCode()).isEqualTo(202);
    }

    private List<String> replies() {
        return bed.connector.calls("POST", "/v3/conversations/").stream()
                .map(call -> call.body().path("text").asText())
                .filter(text -> !text.startsWith("Heads-up")).toList(); // the consent warning: TeamsConversationTest
    }
}
