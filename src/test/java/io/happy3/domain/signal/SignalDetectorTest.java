package io.happy3.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.issue.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SignalDetectorTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    // Thursday 12 March 2026, 19:30 in New York.
    private static final ZonedDateTime THURSDAY_EVENING = ZonedDateTime.of(2026, 3, 12, 19, 30, 0, 0, NEW_YORK);

    private final SignalDetector detector = SignalDetector.builtIn();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "We'll have an answer for you by Friday              | 2026-03-13T17:00-04:00[America/New_York]",
        "I'll check back tomorrow                            | 2026-03-13T17:00-04:00[America/New_York]",
        "I'll follow up tomorrow morning                     | 2026-03-13T12:00-04:00[America/New_York]",
        "We'll update you in 2 hours                         | 2026-03-12T21:30-04:00[America/New_York]",
        "We'll get back to you within 24-48 hours            | 2026-03-14T19:30-04:00[America/New_York]",
        "I will call you next week                           | 2026-03-16T17:00-04:00[America/New_York]",
        "We'll look into it by end of day                    | 2026-03-12T20:30-04:00[America/New_York]",
        "I'll ring you on Monday at 3pm                      | 2026-03-16T15:00-04:00[America/New_York]",
        "I will look into this and get back to you Thursday  | 2026-03-19T17:00-04:00[America/New_York]",
        "I'll look into it                                   | 2026-03-13T19:30-04:00[America/New_York]",
    })
    void detect_promiseWithTime_resolvesDueInSpeakersZone(String text, String expected) {
        List<DetectedSignal> signals = detector.detect(text, Role.AGENT, THURSDAY_EVENING);

        assertThat(signals).singleElement().satisfies(signal -> {
            assertThat(signal.signal()).isEqualTo(Signal.PROMISE_MADE);
            assertThat(signal.due()).contains(ZonedDateTime.parse(expected).toInstant());
        });
    }

    @Test
    void detect_byFridaySaidInTokyo_resolvesToTokyoFriday() {
        // The same instant is already Friday morning in Tokyo, so "by Friday" means later that same day there.
        ZonedDateTime tokyoNow = THURSDAY_EVENING.withZoneSameInstant(TOKYO);

        List<DetectedSignal> signals = detector.detect("I'll sort this out by Friday", Role.AGENT, tokyoNow);

        assertThat(signals).extracting(DetectedSignal::due)
                .containsExactly(Optional.of(Instant.parse("2026-03-13T08:00:00Z")));
    }

    @Test
    void detect_thisAfternoon_resolvesToFiveLocalTime() {
        ZonedDateTime morning = ZonedDateTime.of(2026, 3, 12, 9, 15, 0, 0, NEW_YORK);

        List<DetectedSignal> signals = detector.detect("I'll call you this afternoon", Role.AGENT, morning);

        assertThat(signals.get(0).due()).contains(morning.withHour(17).withMinute(0).toInstant());
    }

    @Test
    void detect_nonPromiseSignal_hasNoDueTime() {
        List<DetectedSignal> signals = detector.detect("Works now, thanks!", Role.CUSTOMER, THURSDAY_EVENING);

        assertThat(signals).allSatisfy(signal -> assertThat(signal.due()).isEmpty());
    }

    @Test
    void withPhrases_playbookPhrase_matchesWithPlaybookRuleName() {
        SignalDetector withPlaybook = detector.withPhrases("default",
                Map.of(Signal.CUSTOMER_CONFIRMED, List.of("Smooth sailing"), Signal.STILL_BROKEN, List.of("same jank")));

        assertThat(withPlaybook.detect("All smooth sailing over here!", Role.CUSTOMER, THURSDAY_EVENING))
                .containsExactly(DetectedSignal.of(Signal.CUSTOMER_CONFIRMED, "playbook:default:Smooth sailing"));
        assertThat(withPlaybook.detect("same JANK as yesterday 😩", Role.CUSTOMER, THURSDAY_EVENING))
                .extracting(DetectedSignal::rule).containsExactly("playbook:default:same jank");
    }

    @Test
    void withPhrases_playbookPhraseNegatedOrAsked_isNotConfirmation() {
        SignalDetector withPlaybook = detector.withPhrases("team",
                Map.of(Signal.CUSTOMER_CONFIRMED, List.of("smooth sailing")));

        assertThat(withPlaybook.detect("not smooth sailing at all", Role.CUSTOMER, THURSDAY_EVENING)).isEmpty();
        assertThat(withPlaybook.detect("smooth sailing now?", Role.CUSTOMER, THURSDAY_EVENING)).isEmpty();
    }

    @Test
    void withPhrases_agentPhraseFromCustomer_isIgnored() {
        SignalDetector withPlaybook = detector.withPhrases("team",
                Map.of(Signal.RESOLUTION_PROPOSED, List.of("shipped the patch")));

        assertThat(withPlaybook.detect("we shipped the patch", Role.CUSTOMER, THURSDAY_EVENING)).isEmpty();
        assertThat(withPlaybook.detect("We shipped the patch!", Role.AGENT, THURSDAY_EVENING))
                .extracting(DetectedSignal::rule).containsExactly("playbook:team:shipped the patch");
    }

    @Test
    void withPhrases_returnsNewDetector_leavesBuiltInUnchanged() {
        detector.withPhrases("team", Map.of(Signal.GRATITUDE, List.of("legend")));

        assertThat(SignalDetector.builtIn().detect("legend", Role.CUSTOMER, THURSDAY_EVENING)).isEmpty();
    }

    @Test
    void detect_nullText_throwsWithName() {
        assertThatThrownBy(() -> detector.detect(null, Role.AGENT, THURSDAY_EVENING))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text == null");
    }
}
