package io.happy3.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.slack.SlackMarkup;
import io.happy3.domain.chat.ChatMarkup;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewRequestTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ChatMarkup SLACK = new SlackMarkup();
    private static final Instant NOW = Instant.parse("2026-11-19T10:00:00Z"); // Thursday of 2026-W47

    @Test
    void parse_empty_thisWeekForEveryone() {
        ReviewRequest request = ReviewRequest.parse("", BERLIN, NOW, SLACK);

        assertThat(request.period()).isEqualTo(ReviewPeriod.isoWeek("2026-W47", BERLIN));
        assertThat(request.agent()).isEmpty();
        assertThat(request.channel()).isEmpty();
        assertThat(request.export()).isFalse();
        assertThat(ReviewRequest.parse(null, BERLIN, NOW, SLACK)).isEqualTo(request);
        assertThat(ReviewRequest.parse("  this-week ", BERLIN, NOW, SLACK)).isEqualTo(request);
    }

    @Test
    void parse_lastWeek_previousIsoWeek() {
        assertThat(ReviewRequest.parse("last-week", BERLIN, NOW, SLACK).period().label()).isEqualTo("2026-W46");
    }

    @Test
    void parse_isoWeek_thatWeekInTheTeamsZone() {
        assertThat(ReviewRequest.parse("2026-W40", BERLIN, NOW, SLACK).period())
                .isEqualTo(ReviewPeriod.isoWeek("2026-W40", BERLIN));
        assertThat(ReviewRequest.parse("2026-w40", BERLIN, NOW, SLACK).period().label()).isEqualTo("2026-W40");
    }

    @Test
    void parse_slackEscapedUser_idAndName() {
        assertThat(ReviewRequest.parse("<@U123ABC|alice>", BERLIN, NOW, SLACK).agent()).contains(
                new ReviewRequest.Mention(Optional.of("U123ABC"), Optional.of("alice")));
        assertThat(ReviewRequest.parse("<@U123ABC>", BERLIN, NOW, SLACK).agent()).contains(
                new ReviewRequest.Mention(Optional.of("U123ABC"), Optional.empty()));
    }

    @Test
    void parse_plainAtWord_idWhenItLooksLikeOneElseName() {
        assertThat(ReviewRequest.parse("@U123", BERLIN, NOW, SLACK).agent()).contains(
                new ReviewRequest.Mention(Optional.of("U123"), Optional.empty()));
        assertThat(ReviewRequest.parse("@alice", BERLIN, NOW, SLACK).agent()).contains(
                new ReviewRequest.Mention(Optional.empty(), Optional.of("alice")));
    }

    @Test
    void parse_channelMentions_idOrName() {
        assertThat(ReviewRequest.parse("<#C0SUPPORT|support>", BERLIN, NOW, SLACK).channel()).contains(
                new ReviewRequest.Mention(Optional.of("C0SUPPORT"), Optional.of("support")));
        assertThat(ReviewRequest.parse("#support", BERLIN, NOW, SLACK).channel()).contains(
                new ReviewRequest.Mention(Optional.empty(), Optional.of("support")));
    }

    @Test
    void parse_everythingInAnyOrder_combined() {
        ReviewRequest request = ReviewRequest.parse("export <#C1X|help> 2026-W45 <@U9Z|bob>", BERLIN, NOW, SLACK);

        assertThat(request.export()).isTrue();
        assertThat(request.period().label()).isEqualTo("2026-W45");
        assertThat(request.agent().flatMap(ReviewRequest.Mention::id)).contains("U9Z");
        assertThat(request.channel().flatMap(ReviewRequest.Mention::id)).contains("C1X");
    }

    @Test
    void parse_unknownWord_namesItAndListsUsage() {
        assertThatThrownBy(() -> ReviewRequest.parse("lastweek", BERLIN, NOW, SLACK))
                .isInstanceOf(InvalidReviewRequestException.class)
                .hasMessageContaining("I don't understand \"lastweek\"")
                .hasMessageContaining("Usage: /review [this-week | last-week | 2026-W47] [@agent] [#channel] [export]");
    }

    @Test
    void parse_impossibleWeek_explainsAndListsUsage() {
        assertThatThrownBy(() -> ReviewRequest.parse("2026-W60", BERLIN, NOW, SLACK))
                .isInstanceOf(InvalidReviewRequestException.class)
                .hasMessageContaining("2026 has no ISO week 60")
                .hasMessageContaining("Usage:");
    }

    @Test
    void parse_twoWeeksOrTwoAgents_rejected() {
        assertThatThrownBy(() -> ReviewRequest.parse("last-week 2026-W40", BERLIN, NOW, SLACK))
                .isInstanceOf(InvalidReviewRequestException.class).hasMessageContaining("one week only");
        assertThatThrownBy(() -> ReviewRequest.parse("@U1A @U2B", BERLIN, NOW, SLACK))
                .isInstanceOf(InvalidReviewRequestException.class).hasMessageContaining("one agent only");
        assertThatThrownBy(() -> ReviewRequest.parse("@", BERLIN, NOW, SLACK))
                .isInstanceOf(InvalidReviewRequestException.class).hasMessageContaining("not a person mention");
    }
}
