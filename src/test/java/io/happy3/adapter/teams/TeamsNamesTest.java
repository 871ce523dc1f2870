package io.happy3.adapter.teams;

import static io.happy3.adapter.teams.TeamsTestBed.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on Teams: nudges name the channel and the people as Teams shows them (the roster, through TeamsInfo,
 * when the activities did not say), never by their {@code 19:…} or {@code 29:…} ids, and the roster is asked
 * once, not on every nudge.
 */
class TeamsNamesTest {
    private final TeamsTestBed bed = new TeamsTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void nudgeCard_namesTheChannelAsTeamsShowsIt() {
        String card = firstNudge(activity -> { });

        assertThat(card).contains("Casey Customer has waited 11 min in #Customer Support.").doesNotContain("19:");
    }

    @Test
    void customerWhoseActivityHasNoName_isNamedFromTheRosterOnce() {
        bed.connector.member(CUSTOMER, "Casey Roster", "00000000-0000-0000-0000-0000000000cc");

        String card = firstNudge(activity -> activity.withObjectProperty("from").remove("name"));
        bed.module.directory().profile(new io.happy3.domain.chat.UserRef(io.happy3.domain.chat.Platform.TEAMS,
                TeamsTestBed.TENANT, CUSTOMER));

        assertThat(card).contains("Casey Roster has waited");
        assertThat(bed.connector.calls("GET", "/v3/conversations/")).as("asked once, then cached")
                .singleElement().satisfies(call -> assertThat(call.path()).endsWith("/members/" + CUSTOMER));
        assertThat(bed.connector.calls("GET", "/v3/teams/")).as("team and channels, once").hasSize(2);
    }

    @Test
    void rosterCannotSay_personIsATeamsUserAndChannelFallsBackToItsId() {
        bed.connector.team(TeamsTestBed.TEAM, "gone", "g", java.util.Map.of()); // a team without this channel

        String card = firstNudge(activity -> activity.withObjectProperty("from").remove("name"));

        assertThat(card).contains("a Teams user has waited").doesNotContain("29:");
    }

    private String firstNudge(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        bed.post("members-added.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json", change);
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        return bed.cardsSent().get(0).toString();
    }
}
