package io.happy3.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.issue.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignalDetectorTableTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    // Each row is read as a reply in a thread the agent has already answered (no check request, no question):
    // the opening turn has rules of its own (SignalDetectorTest).
    private static final ThreadContext AFTER_AGENT_REPLY = ThreadContext.empty()
            .then(new ThreadContext.Turn(Role.CUSTOMER, NOW.toInstant(), Set.of(), Set.of()))
            .then(new ThreadContext.Turn(Role.AGENT, NOW.toInstant(), Set.of(), Set.of()));
    private final SignalDetector detector = SignalDetector.builtIn();

    static Stream<Arguments> table() throws IOException {
        try (InputStream in = SignalDetectorTableTest.class.getResourceAsStream("/signals/table.tsv")) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return content.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(cells -> Arguments.of(cells[0], cells[1], cells[2], cells.length > 3 ? cells[3] : ""))
                    .collect(Collectors.toList())
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("table")
    void detect_tableMessage_findsExpectedSignals(String role, String text, String expected, String rule) {
        var signals = detector.detect(text, Role.valueOf(role.toUpperCase(Locale.ROOT)), NOW, AFTER_AGENT_REPLY);

        Set<String> found = signals.stream()
                .map(signal -> signal.signal().wireName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> wanted = expected.equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(expected.split(",")));
        assertThat(found).as("signals in %s", text).isEqualTo(wanted);
        if (!rule.isEmpty()) {
            assertThat(signals).extracting(DetectedSignal::rule).as("rules for %s", text).contains(rule);
        }
    }
}
