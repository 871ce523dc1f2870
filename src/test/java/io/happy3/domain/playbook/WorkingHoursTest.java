package io.happy3.domain.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Working hours as agents write them in a DM or {@code /happy3 hours}. */
class WorkingHoursTest {
    @Test
    void parse_hoursOnly_meansMondayToFriday() {
        WorkingHours hours = WorkingHours.parse("9-17");

        assertThat(hours).isEqualTo(new WorkingHours(WorkingHours.WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }

    @Test
    void parse_daysAndMinutes_keepsBoth() {
        WorkingHours hours = WorkingHours.parse("Mon-Fri 8:30-16");

        assertThat(hours.from()).isEqualTo(LocalTime.of(8, 30));
        assertThat(hours.to()).isEqualTo(LocalTime.of(16, 0));
        assertThat(hours.days()).isEqualTo(WorkingHours.WEEKDAYS);
    }

    @Test
    void parse_listAndWrappingRange_namesEachDay() {
        assertThat(WorkingHours.parse("mon,wed,fri 10-14").days())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(WorkingHours.parse("fri-mon 10-14").days()).isEqualTo(EnumSet.of(DayOfWeek.FRIDAY,
                DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
    }

    @Test
    void text_readsBackToTheSameHours() {
        WorkingHours hours = WorkingHours.parse("sat-sun 8:30-12:15");

        assertThat(hours.text()).isEqualTo("sat,sun 08:30-12:15");
        assertThat(WorkingHours.parse(hours.text())).isEqualTo(hours);
    }

    @Test
    void parse_mistakes_sayWhatIsWrong() {
        assertThatThrownBy(() -> WorkingHours.parse("17-9")).hasMessageContaining("must end after they start");
        assertThatThrownBy(() -> WorkingHours.parse("mon-fry 9-17")).hasMessageContaining("`fry` is not a day");
        assertThatThrownBy(() -> WorkingHours.parse("9-25")).hasMessageContaining("`25` is not a time of day");
        assertThatThrownBy(() -> WorkingHours.parse("9am-5pm")).hasMessageContaining("`9am` is not a time");
        assertThatThrownBy(() -> WorkingHours.parse("mornings")).hasMessageContaining("not a time range");
        assertThatThrownBy(() -> WorkingHours.parse("mon fri 9-17")).hasMessageContaining("e.g. `mon-fri 8:30-16`");
    }
}
