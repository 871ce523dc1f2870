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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Adaptive Cards Teams receives, made by the real adapter (real activities, the engine, the fake connector):
 * the first-response nudge with its desired-result form (and the same card refusing a past date), the
 * confirm-result nudge, and the lead's proud curation. Each must keep to what Teams renders (Adaptive Cards 1.4,
 * every button an {@code Action.Execute} with a verb, no raw ids); each is written to {@code target/teams-cards/}
 * for the browser check that renders and screenshots them ({@code src/test/browser/teams-cards.e2e.js}).
 */
class TeamsCardFilesTest {
    private static final Path OUT = Path.of("target", "teams-cards");
    private final TeamsTestBed bed = new TeamsTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void nudgeAndCurationCards_keepToWhatTeamsRenders() throws IOException {
        bed.post("members-added.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        bed.engine.delivery().tick();
        ObjectNode firstResponse = bed.cardsSent().get(0);
        String nudge = TeamsFlowTest.buttonData(firstResponse, "on_it").path("nudge").asText();
        JsonNode refused = TeamsTestBed.JSON.readTree(bed.post("action-execute.json", activity -> {
            activity.withObjectProperty("conversation").put("id", "a:created-1");
            activity.put("replyToId", "fake-activity-1");
            ObjectNode action = activity.withObjectProperty("value").withObjectProperty("action");
            action.put("verb", ResultForm.VERB).put("id", ResultForm.VERB);
            action.withObjectProperty("data").put("nudge", nudge).put("action", ResultForm.VERB)
                    .put(ResultForm.TEXT, "nightly export in finance by 8:00").put(ResultForm.BY, "2026-11-02");
        }).body()).path("value");
        bed.clock.set(Instant.parse("2026-11-23T09:20:00Z"));
        bed.post("channel-reply.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T11:21:00Z"));
        bed.engine.delivery().tick();
        ObjectNode confirm = bed.cardsSent().get(1);
        ObjectNode curation = curationCard();

        write("desired-result.json", firstResponse);
        write("desired-result-refused.json", refused);
        write("confirm-result-nudge.json", confirm);
        write("proud-curation.json", curation);

        for (JsonNode card : new JsonNode[] {firstResponse, refused, confirm, curation}) {
            assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(card.path("version").asText()).isEqualTo("1.4");
            assertThat(card.findParents("title")).as("every button is an Action.Execute with a verb")
                    .allSatisfy(button -> {
                        assertThat(button.path("type").asText()).isEqualTo("Action.Execute");
                        assertThat(button.path("verb").asText()).isNotBlank();
                    });
            assertThat(card.toString()).doesNotContain("29:").doesNotContain("19:").doesNotContain("<at");
        }
        assertThat(refused.toString()).contains("That date has passed");
        assertThat(confirm.toString()).contains("You said this is fixed");
        assertThat(curation.toString()).contains("Stayed with the **export** until it ran");
    }

    private ObjectNode curationCard() {
        String lead = "29:lead-aad-user";
        ChannelRef channel = new ChannelRef(Platform.TEAMS, TENANT, CHANNEL);
        bed.stores.channelSettings().save(ChannelSettings.followedWith(channel,
                io.happy3.domain.playbook.PlaybookId.DEFAULT).withAgents(Set.of(AGENT), Set.of())
                .withLeads(Set.of(lead)));
        bed.stores.proudMoments().add(new ProudMoment("proud:t1", TENANT, Optional.of(channel), Optional.empty(),
                Optional.of(new UserRef(Platform.TEAMS, TENANT, AGENT)), Optional.of(new UserRef(Platform.TEAMS,
                TENANT, lead)), ProudMoment.Source.PROUD_COMMAND, "Stayed with the *export* until it ran",
                Optional.empty(), Instant.parse("2026-11-23T07:00:00Z"), ProudMoment.Decision.NOMINATED,
                Optional.empty()));
        int before = bed.cardsSent().size();
        bed.post("channel-mention-command.json", activity -> {
            activity.put("id", "1700000000301");
            activity.put("text", "<at>SupportCoach</at> review");
            ((ArrayNode) activity.path("entities")).remove(1);
        });
        bed.drainInbox();
        return bed.cardsSent().get(before);
    }

    private static void write(String name, JsonNode card) throws IOException {
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(name), TeamsTestBed.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(card));
    }
}
