package io.happy3.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.issue.Role;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules-only detector reads a customer's message in its thread (SIGNALS.md hard cases). */
class SignalDetectorContextTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, ZoneOffset.UTC);
    private final SignalDetector detector = SignalDetector.builtIn();

    @ParameterizedTest
    @ValueSource(strings = {"yep", "yes!", "👍", ":+1:", "<@U123> yep, thanks!", "✅ works", "ja, danke", "sí"})
    void detect_bareYesAnsweringCheckRequest_isConfirmation(String reply) {
        ThreadContext context = afterAgent("we've reset your API key, can you check whether it works now?");

        assertThat(signals(reply, context)).contains(Signal.CUSTOMER_CONFIRMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yep", "👍", "yes, we did"})
    void detect_bareYesAnsweringDiagnosticQuestion_isNoConfirmation(String reply) {
        ThreadContext context = afterAgent("did you create the key with the billing scope?");

        assertThat(signals(reply, context)).doesNotContain(Signal.CUSTOMER_CONFIRMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "nope, sadly not", "not yet", "👎", "leider nein"})
    void detect_bareNoAnsweringCheckRequest_isStillBroken(String reply) {
        ThreadContext context = afterAgent("were you able to log in again?");

        assertThat(signals(reply, context)).containsExactly(Signal.STILL_BROKEN);
    }

    @Test
    void detect_openingComplaintWithoutAttempt_isNotStillBroken() {
        assertThat(signals("the export is still failing for us", ThreadContext.empty())).isEmpty();
    }

    @Test
    void detect_openingComplaintNamingFailedAttempt_isStillBroken() {
        assertThat(signals("we restarted the connector twice, still the same error", ThreadContext.empty()))
                .containsExactly(Signal.STILL_BROKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"five emails and no answer from anyone, my card is still blocked",
            "phoned you three times this week, the router is still not working",
            "talked to two agents with no help, the bill is still wrong"})
    void detect_openingComplaintNamingEarlierContacts_isStillBroken(String opening) {
        // real sample E: an opening turn that names earlier contacts which got nowhere is a failed attempt
        assertThat(signals(opening, ThreadContext.empty())).containsExactly(Signal.STILL_BROKEN);
    }

    @Test
    void detect_openingComplaintCountingSomethingElse_isNotStillBroken() {
        assertThat(signals("your store is not helping anyone, the queue moved 3 times slower", ThreadContext.empty()))
                .isEmpty();
    }

    @Test
    void detect_sameComplaintAfterAgentReply_isStillBroken() {
        ThreadContext context = afterAgent("please clear the cache and reload");

        assertThat(signals("the export is still failing for us", context)).containsExactly(Signal.STILL_BROKEN);
    }

    private List<Signal> signals(String text, ThreadContext context) {
        return detector.detect(text, Role.CUSTOMER, NOW, context).stream().map(DetectedSignal::signal).toList();
    }

    private static ThreadContext afterAgent(String agentText) {
        return ThreadContext.empty()
                .then(new ThreadContext.Turn(Role.CUSTOMER, NOW.toInstant(), Set.of(), Set.of()))
                .then(new ThreadContext.Turn(Role.AGENT, NOW.toInstant(), Set.of(), Cue.of(agentText, Role.AGENT)));
    }
}
