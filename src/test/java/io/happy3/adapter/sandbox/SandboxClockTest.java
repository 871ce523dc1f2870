package io.happy3.adapter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SandboxClockTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void startOfWeek_aWednesdayAfternoon_isThatWeeksMondayNineLocal() {
        assertThat(SandboxClock.startOfWeek(Instant.parse("2026-11-25T14:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void nextMondayMorning_onMondayAtNine_isAWeekLater() {
        Instant mondayNine = Instant.parse("2026-11-23T08:00:00Z");

        assertThat(SandboxClock.nextMondayMorning(mondayNine, BERLIN)).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(SandboxClock.nextMondayMorning(mondayNine.minusSeconds(60), BERLIN)).isEqualTo(mondayNine);
    }

    @Test
    void next_ritualTime_isStrictlyLaterAndAcrossDaylightSavingInLocalTime() {
        Instant thursdayTwoPm = Instant.parse("2026-11-26T13:00:00Z");
        Instant thursdayThreePm = Instant.parse("2026-11-26T14:00:00Z");

        assertThat(SandboxScheduler.next(thursdayTwoPm, BERLIN, DayOfWeek.THURSDAY, LocalTime.of(15, 0)))
                .isEqualTo(thursdayThreePm);
        assertThat(SandboxScheduler.next(thursdayThreePm, BERLIN, DayOfWeek.THURSDAY, LocalTime.of(15, 0)))
                .isEqualTo(Instant.parse("2026-12-03T14:00:00Z"));
        // Summer time ends on Sunday 25 October 2026: Thursday 29 October 15:00 in Berlin is 14:00 UTC.
        assertThat(SandboxScheduler.next(Instant.parse("2026-10-22T13:00:01Z"), BERLIN, DayOfWeek.THURSDAY,
                LocalTime.of(15, 0))).isEqualTo(Instant.parse("2026-10-29T14:00:00Z"));
    }
}
