package io.happy3.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.happy3.domain.issue.Role;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the signal detector with any text, role, time and playbook phrase: it answers at most one detection
 * per signal, a promise's due time never before "now", and no input hangs it (regular expressions are the
 * risk). Seeds: sentences written for the signal table, in {@code SignalDetectorFuzzTestInputs/}.
 */
class SignalDetectorFuzzTest {
    private static final ZonedDateTime BASE = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);

    @FuzzTest(maxDuration = "5s")
    void detect_anyText_answersPromptlyAndConsistently(FuzzedDataProvider data) {
        Role role = data.consumeBoolean() ? Role.AGENT : Role.CUSTOMER;
        ZonedDateTime now = BASE.plusMinutes(data.consumeInt(-600_000, 600_000));
        String phrase = data.consumeString(40);
        String text = data.consumeRemainingAsString();
        SignalDetector detector = phrase.isBlank() ? SignalDetector.builtIn()
                : withPhraseOrBuiltIn(phrase);

        long started = System.nanoTime();
        List<DetectedSignal> signals = detector.detect(text, role, now);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("detecting signals in %d characters", text.length()).isLessThan(Duration.ofSeconds(5));
        assertThat(signals).extracting(DetectedSignal::signal).doesNotHaveDuplicates();
        signals.forEach(signal -> signal.due().ifPresent(due -> assertThat(due).isAfterOrEqualTo(now.toInstant())));
    }

    private static SignalDetector withPhraseOrBuiltIn(String phrase) {
        try {
            return SignalDetector.builtIn().withPhrases("fuzz", Map.of(Signal.RESOLUTION_PROPOSED, List.of(phrase)));
        } catch (IllegalArgumentException refused) {
            return SignalDetector.builtIn(); // a phrase the playbook check would refuse
        }
    }
}
