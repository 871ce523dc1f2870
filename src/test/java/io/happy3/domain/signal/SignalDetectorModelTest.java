package io.happy3.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.issue.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalDetectorModelTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, ZoneOffset.UTC);

    /** A hand-written model: fixed probabilities per signal, a set of trusted rules, and what it was asked. */
    private static final class FixedModel implements SignalModel {
        private final Map<Signal, Double> probabilities;
        private final Set<String> trusted;
        final List<ThreadContext> contexts = new ArrayList<>();
        final List<Set<Signal>> ruleSignals = new ArrayList<>();

        FixedModel(Map<Signal, Double> probabilities, Set<String> trusted) {
            this.probabilities = probabilities;
            this.trusted = trusted;
        }

        @Override
        public List<Score> score(String text, Role role, ThreadContext context, Set<Signal> rules) {
            contexts.add(context);
            ruleSignals.add(rules);
            List<Score> scores = new ArrayList<>();
            probabilities.forEach((signal, p) -> scores.add(new Score(signal, p, 0.5,
                    p >= 0.5 ? Optional.of("works on our side now") : Optional.empty())));
            return scores;
        }
    }

    @Test
    void detect_modelClaimsSignal_explainsWithScoreAndNearestExample() {
        FixedModel model = new FixedModel(Map.of(Signal.CUSTOMER_CONFIRMED, 0.94), Set.of());

        List<DetectedSignal> found = SignalDetector.builtIn().withModel(model).detect("yep", Role.CUSTOMER, NOW);

        assertThat(found).extracting(DetectedSignal::signal).containsExactly(Signal.CUSTOMER_CONFIRMED);
        assertThat(found.get(0).rule()).isEqualTo("model p=0.94 \u2248 'works on our side now'");
    }

    @Test
    void detect_modelClaimsStillBrokenOnPlainOpeningComplaint_notReported() {
        FixedModel model = new FixedModel(Map.of(Signal.STILL_BROKEN, 0.9), Set.of());
        SignalDetector detector = SignalDetector.builtIn().withModel(model);

        assertThat(detector.detect("the billing page has been blank since this morning", Role.CUSTOMER, NOW)).isEmpty();
        assertThat(detector.detect("cleared my cookies twice, the billing page is blank", Role.CUSTOMER, NOW))
                .extracting(DetectedSignal::signal).containsExactly(Signal.STILL_BROKEN);
    }

    @Test
    void detect_modelClaimsConfirmationOfAHope_notReported() {
        FixedModel model = new FixedModel(Map.of(Signal.CUSTOMER_CONFIRMED, 0.9), Set.of());
        ThreadContext afterFix = ThreadContext.empty().then(new ThreadContext.Turn(Role.AGENT, NOW.toInstant(),
                Set.of(Signal.RESOLUTION_PROPOSED), Set.of()));

        assertThat(SignalDetector.builtIn().withModel(model)
                .detect("fingers crossed the sync behaves tonight", Role.CUSTOMER, NOW, afterFix)).isEmpty();
    }

    @Test
    void detect_modelClaimsPromiseInMessageOpeningWithARequest_notReported() {
        // SIGNALS.md: a commitment that waits for the customer is conditional, not a promise (real sample E)
        FixedModel model = new FixedModel(Map.of(Signal.PROMISE_MADE, 0.9), Set.of());
        SignalDetector detector = SignalDetector.builtIn().withModel(model);

        assertThat(detector.detect("Please share your order number through the form, a colleague gets back to you",
                Role.AGENT, NOW)).isEmpty();
        assertThat(detector.detect("Which branch was it? Our area team gets on it", Role.AGENT, NOW)).isEmpty();
        assertThat(detector.detect("Our area team gets on it today, which branch was it?", Role.AGENT, NOW))
                .extracting(DetectedSignal::signal).containsExactly(Signal.PROMISE_MADE);
    }

    @Test
    void detect_modelAgreesWithRule_namesTheRule() {
        FixedModel model = new FixedModel(Map.of(Signal.CUSTOMER_CONFIRMED, 0.97), Set.of());

        List<DetectedSignal> found = SignalDetector.builtIn().withModel(model).detect("works now", Role.CUSTOMER, NOW);

        assertThat(found).extracting(DetectedSignal::rule).containsExactly("builtin:confirm.works-now");
        assertThat(model.ruleSignals).containsExactly(Set.of(Signal.CUSTOMER_CONFIRMED));
    }

    @Test
    void detect_modelScoresRuleLow_ruleStands() {
        FixedModel model = new FixedModel(Map.of(Signal.CUSTOMER_CONFIRMED, 0.01), Set.of());

        assertThat(SignalDetector.builtIn().withModel(model).detect("works now", Role.CUSTOMER, NOW))
                .extracting(DetectedSignal::rule).containsExactly("builtin:confirm.works-now");
    }

    @Test
    void detect_modelAbstains_rulesDecide() {
        SignalModel abstaining = (text, role, context, rules) -> List.of();

        assertThat(SignalDetector.builtIn().withModel(abstaining).detect("works now, thanks", Role.CUSTOMER, NOW))
                .extracting(DetectedSignal::signal).containsExactly(Signal.CUSTOMER_CONFIRMED, Signal.GRATITUDE);
    }

    @Test
    void detect_playbookPhrase_winsOverModel() {
        FixedModel model = new FixedModel(Map.of(Signal.CUSTOMER_CONFIRMED, 0.01), Set.of());
        SignalDetector detector = SignalDetector.builtIn().withModel(model)
                .withPhrases("default", Map.of(Signal.CUSTOMER_CONFIRMED, List.of("smooth sailing")));

        assertThat(detector.detect("smooth sailing over here", Role.CUSTOMER, NOW))
                .extracting(DetectedSignal::rule).containsExactly("playbook:default:smooth sailing");
    }

    @Test
    void detect_modelScoresOtherRolesSignal_ignored() {
        FixedModel model = new FixedModel(Map.of(Signal.RESOLUTION_PROPOSED, 0.99), Set.of());

        assertThat(SignalDetector.builtIn().withModel(model).detect("yep", Role.CUSTOMER, NOW)).isEmpty();
    }

    @Test
    void detect_withContext_passesTheThreadToTheModel() {
        FixedModel model = new FixedModel(Map.of(), Set.of());
        ThreadContext context = ThreadContext.empty().then(new ThreadContext.Turn(Role.AGENT, Instant.EPOCH,
                Set.of(Signal.RESOLUTION_PROPOSED), Cue.of("we've reset your key, can you check whether it works now?",
                Role.AGENT)));

        SignalDetector.builtIn().withModel(model).detect("yep", Role.CUSTOMER, NOW, context);

        assertThat(model.contexts).containsExactly(context);
        assertThat(context.last(Role.AGENT).orElseThrow().cues()).contains(Cue.CHECK_REQUEST);
    }

    @Test
    void then_moreThanKeptTurns_keepsTheLatest() {
        ThreadContext context = ThreadContext.empty();
        for (int n = 0; n < ThreadContext.KEPT + 3; n++) {
            context = context.then(new ThreadContext.Turn(n % 2 == 0 ? Role.CUSTOMER : Role.AGENT,
                    Instant.ofEpochSecond(n), Set.of(), Set.of()));
        }

        assertThat(context.turns()).hasSize(ThreadContext.KEPT);
        assertThat(context.last().orElseThrow().at()).isEqualTo(Instant.ofEpochSecond(ThreadContext.KEPT + 2));
    }

    @Test
    void cueOf_diagnosticQuestion_isQuestionNotCheckRequest() {
        assertThat(Cue.of("did you create the key with the billing scope?", Role.AGENT))
                .containsExactly(Cue.QUESTION);
        assertThat(Cue.of("rolled back the config, could you try again?", Role.AGENT))
                .contains(Cue.CHECK_REQUEST);
    }
}
