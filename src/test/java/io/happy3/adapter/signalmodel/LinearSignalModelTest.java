package io.happy3.adapter.signalmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.SignalModel;
import io.happy3.domain.signal.ThreadContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinearSignalModelTest {
    // Loaded once per JVM: every test here reads the same bundled weights.
    private static final LinearSignalModel MODEL = LinearSignalModel.bundled();
    private static final SignalDetector DETECTOR = SignalDetector.builtIn().withModel(MODEL);
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, ZoneOffset.UTC);

    private static ThreadContext after(String agentText, Set<Signal> signals) {
        return ThreadContext.empty()
                .then(new ThreadContext.Turn(Role.CUSTOMER, Instant.EPOCH, Set.of(), Set.of()))
                .then(new ThreadContext.Turn(Role.AGENT, Instant.EPOCH, signals, Cue.of(agentText, Role.AGENT)));
    }

    private static Set<Signal> signals(String text, Role role, ThreadContext context) {
        return DETECTOR.detect(text, role, NOW, context).stream().map(DetectedSignal::signal)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void detect_bareYesAnsweringCheckRequest_isConfirmation() {
        ThreadContext context = after("we've reset your API key, can you check whether it works now?",
                Set.of(Signal.RESOLUTION_PROPOSED));

        List<DetectedSignal> found = DETECTOR.detect("yep", Role.CUSTOMER, NOW, context);

        assertThat(found).extracting(DetectedSignal::signal).containsExactly(Signal.CUSTOMER_CONFIRMED);
        assertThat(found.get(0).rule()).isEqualTo("builtin:confirm.yes-to-check");
    }

    @Test
    void score_textUnlikeTheCorpus_abstains() {
        ThreadContext context = after("can you check whether it works now?", Set.of(Signal.RESOLUTION_PROPOSED));

        assertThat(MODEL.score("Fahrkartenautomat Bahnsteig kaputt Rolltreppe", Role.CUSTOMER, context, Set.of()))
                .as("none of these words is in the training corpus").isEmpty();
        assertThat(MODEL.score("the export works now, thanks", Role.CUSTOMER, context, Set.of())).hasSize(3);
    }

    @Test
    void detect_bareYesAnsweringDiagnosticQuestion_isNothing() {
        ThreadContext context = after("did you create the key with the billing scope?", Set.of());

        assertThat(signals("yep", Role.CUSTOMER, context)).isEmpty();
    }

    @Test
    void detect_pastTenseFixClaim_isResolution() {
        assertThat(signals("rolled back the config, should be good", Role.AGENT, ThreadContext.empty()))
                .contains(Signal.RESOLUTION_PROPOSED);
    }

    @Test
    void detect_partialFix_isConfirmationAndStillBroken() {
        ThreadContext context = after("patched the export job, can you try again?", Set.of(Signal.RESOLUTION_PROPOSED));

        assertThat(signals("the export finishes now but the totals are wrong", Role.CUSTOMER, context))
                .contains(Signal.CUSTOMER_CONFIRMED, Signal.STILL_BROKEN);
    }

    @Test
    void writeThenRead_sameScores() throws IOException {
        List<LabelledCorpus.Thread> corpus = smallCorpus();
        LinearSignalModel trained = SignalModelTrainer.train(corpus);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.write(bytes);

        LinearSignalModel read = LinearSignalModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        ThreadContext context = after("could you try again?", Set.of(Signal.RESOLUTION_PROPOSED));
        assertThat(read.score("works now, thanks", Role.CUSTOMER, context, Set.of()))
                .extracting(SignalModel.Score::probability)
                .containsExactlyElementsOf(trained.score("works now, thanks", Role.CUSTOMER, context, Set.of())
                        .stream().map(SignalModel.Score::probability).toList());
    }

    @Test
    void train_sameCorpusTwice_sameWeightFile() throws IOException {
        List<LabelledCorpus.Thread> corpus = smallCorpus();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();

        SignalModelTrainer.train(corpus).write(first);
        SignalModelTrainer.train(corpus).write(second);

        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
    }

    @Test
    void tokens_slackAndTeamsMarkup_becomeStableTokens() {
        assertThat(ModelText.tokens("<@U07KQ2L9M> works :+1: see <https://x.example/a|the page>"))
                .containsExactly("_mention_", "works", "_thumbsup_", "see", "the", "page");
        assertThat(ModelText.tokens("<at>Jonas Weber</at> works 👍 ```stack trace```"))
                .containsExactly("_mention_", "works", "_thumbsup_", "_code_");
    }

    private static List<LabelledCorpus.Thread> smallCorpus() {
        return LabelledCorpus.read(Path.of("eval/signals/train.labels.jsonl"),
                Path.of("eval/signals/train.threads.jsonl")).subList(0, 40);
    }
}
