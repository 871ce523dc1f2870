package io.happy3.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReviewPeriodTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void isoWeek_berlin_startsMondayMidnightLocal() {
        ReviewPeriod period = ReviewPeriod.isoWeek("2026-W47", BERLIN);

        assertThat(period.monday()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(period.start()).isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(period.label()).isEqualTo("2026-W47");
        assertThat(period.describe()).isEqualTo("2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)");
    }

    @Test
    void length_weekWhenClocksGoBack_has169Hours() {
        ReviewPeriod period = ReviewPeriod.containing(Instant.parse("2026-10-25T12:00:00Z"), BERLIN);

        assertThat(period.label()).isEqualTo("2026-W43");
        assertThat(period.start()).isEqualTo(Instant.parse("2026-10-18T22:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(period.length()).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void length_weekWhenClocksGoForward_has167Hours() {
        assertThat(ReviewPeriod.containing(Instant.parse("2026-03-29T12:00:00Z"), BERLIN).length())
                .isEqualTo(Duration.ofHours(167));
    }

    @Test
    void containing_sundayLateLocalButMondayUtc_staysInLocalWeek() {
        // Sunday 22 Nov 23:30 in Berlin is Sunday 22:30 UTC; Monday 00:30 Berlin is still Sunday in UTC
        assertThat(ReviewPeriod.containing(Instant.parse("2026-11-22T22:30:00Z"), BERLIN).label()).isEqualTo("2026-W47");
        assertThat(ReviewPeriod.containing(Instant.parse("2026-11-22T23:30:00Z"), BERLIN).label()).isEqualTo("2026-W48");
        assertThat(ReviewPeriod.containing(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC).label())
                .isEqualTo("2026-W47");
    }

    @Test
    void previous_firstWeekOfYear_crossesIntoLastYearsLastWeek() {
        ReviewPeriod period = ReviewPeriod.isoWeek("2027-W01", BERLIN);

        assertThat(period.previous().label()).isEqualTo("2026-W53");
        assertThat(period.previous().next()).isEqualTo(period);
        assertThat(period.previous().end()).isEqualTo(period.start());
    }

    @Test
    void weeksEndingHere_eight_oldestFirstAndContiguous() {
        var weeks = ReviewPeriod.isoWeek("2026-W02", BERLIN).weeksEndingHere(8);

        assertThat(weeks).extracting(ReviewPeriod::label).containsExactly("2025-W47", "2025-W48", "2025-W49",
                "2025-W50", "2025-W51", "2025-W52", "2026-W01", "2026-W02");
        for (int i = 1; i < weeks.size(); i++) {
            assertThat(weeks.get(i).start()).isEqualTo(weeks.get(i - 1).end());
        }
    }

    @Test
    void contains_boundaries_startInclusiveEndExclusive() {
        ReviewPeriod period = ReviewPeriod.isoWeek("2026-W47", BERLIN);

        assertThat(period.contains(period.start())).isTrue();
        assertThat(period.contains(period.end())).isFalse();
        assertThat(period.contains(period.end().minusNanos(1))).isTrue();
    }

    @Test
    void isoWeek_badText_saysWhatIsWrong() {
        assertThatThrownBy(() -> ReviewPeriod.isoWeek("2026-47", BERLIN)).hasMessageContaining("2026-W47");
        assertThatThrownBy(() -> ReviewPeriod.isoWeek("2025-W53", BERLIN)).hasMessageContaining("has no ISO week 53");
        assertThat(ReviewPeriod.isoWeek("2026-W53", BERLIN).sunday()).isEqualTo(LocalDate.of(2027, 1, 3));
    }
}
