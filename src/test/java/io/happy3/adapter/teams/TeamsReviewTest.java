package io.happy3.adapter.teams;

import static io.happy3.adapter.teams.TeamsTestBed.AGENT;
import static io.happy3.adapter.teams.TeamsTestBed.CHANNEL;
import static io.happy3.adapter.teams.TeamsTestBed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.team.ChannelSettings;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @Happy3 review} on Teams: the lead curates proud moments with Adaptive Card buttons, as on Slack. */
class TeamsReviewTest {
    private static final String LEAD = "29:lead-aad-user";
    private final TeamsTestBed bed = new TeamsTestBed();
    private final ChannelRef channel = new ChannelRef(Platform.TEAMS, TENANT, CHANNEL);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void review_leadPressesAcceptOnTheCard_momentAcceptedForTheDigest() throws Exception {
        bed.stores.channelSettings().save(ChannelSettings.followedWith(channel, io.happy3.domain.playbook.PlaybookId.DEFAULT)
                .withAgents(Set.of(AGENT), Set.of()).withLeads(Set.of(LEAD)));
        bed.stores.proudMoments().add(new ProudMoment("proud:t1", TENANT, Optional.of(channel), Optional.empty(),
                Optional.of(new UserRef(Platform.TEAMS, TENANT, AGENT)), Optional.of(new UserRef(Platform.TEAMS,
                TENANT, LEAD)), ProudMoment.Source.PROUD_COMMAND, "Stayed with the *export* until it ran",
                Optional.empty(), Instant.parse("2026-11-23T07:00:00Z"), ProudMoment.Decision.NOMINATED,
                Optional.empty()));

        assertThat(bed.post("channel-mention-command.json", activity -> {
            activity.put("text", "<at>SupportCoach</at> review");
            ((ArrayNode) activity.path("entities")).remove(1);
        }).statusCode()).isEqualTo(202);
        bed.drainInbox();

        ObjectNode card = bed.cardsSent().get(0);
        assertThat(card.toString()).contains("**Happy 3 scorecard").contains("Proud moments to curate")
                .contains("“Stayed with the **export** until it ran”").doesNotContain("Accept: ");
        JsonNode accept = card.findParents("verb").stream().filter(button -> button.path("verb").asText()
                .equals("accept")).findFirst().orElseThrow();
        assertThat(accept.path("type").asText()).isEqualTo("Action.Execute");
        assertThat(accept.path("title").asText()).isEqualTo("Accept");

        HttpResponse<String> pressed = bed.post("action-execute.json", activity -> {
            activity.withObjectProperty("from").put("id", LEAD).put("name", "Lee Lead");
            activity.withObjectProperty("value").set("action", accept.deepCopy());
        });
        bed.drainInbox();

        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("Accepted for the digest: “Stayed with the **export** until it ran” — Lee Lead");
        assertThat(bed.stores.proudMoments().find("proud:t1").orElseThrow().decision())
                .isEqualTo(ProudMoment.Decision.ACCEPTED);
    }
}
