package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.happy3.domain.issue.Role;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalsCommandTest {
    private static final Path THREADS = Path.of("src/test/resources/signals/cli/threads.jsonl");
    private static final Path LABELS = Path.of("src/test/resources/signals/cli/labels.jsonl");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path temp;

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of()).run(args);
    }

    private List<JsonNode> lines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void signals_threads_oneLinePerTurnWithRoleAndWhy() throws IOException {
        assertThat(run("signals", "--model", THREADS.toString())).isZero();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(6);
        JsonNode yes = lines.get(2);
        assertThat(yes.get("id").asText()).isEqualTo("t1");
        assertThat(yes.get("turn").asInt()).isEqualTo(2);
        assertThat(yes.get("role").asText()).isEqualTo("customer");
        assertThat(yes.get("signals").toString()).isEqualTo("[\"customer_confirmed\"]");
        assertThat(yes.get("why").get("customer_confirmed").asText()).isEqualTo("builtin:confirm.yes-to-check");
        assertThat(lines.get(5).get("signals")).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 threads, 6 turns");
    }

    @Test
    void signals_rulesOnly_readsTheBareYesInItsThread() throws IOException {
        assertThat(run("signals", "--rules-only", THREADS.toString())).isZero();

        assertThat(lines().get(2).get("signals").toString()).as("yep to a check request")
                .isEqualTo("[\"customer_confirmed\"]");
        assertThat(lines().get(5).get("signals")).as("yep to a diagnostic question").isEmpty();
    }

    @Test
    void signals_byDefault_runsTheRulesAloneAsServeDoes() throws IOException {
        assertThat(run("signals", THREADS.toString())).isZero();

        assertThat(lines()).allSatisfy(line -> assertThat(line.get("why").toString()).doesNotContain("model p="));
    }

    @Test
    void signalsEval_labels_printsScoresAndConfusedTurns() throws IOException {
        Path labels = temp.resolve("labels.jsonl");
        Files.writeString(labels, Files.readString(LABELS).replace(
                "{\"id\": \"t2\", \"turn\": 2, \"signals\": []", "{\"id\": \"t2\", \"turn\": 2, \"signals\": [\"customer_confirmed\"]"));

        assertThat(run("signals", "--eval", labels.toString(), THREADS.toString(), "--rules-only")).isZero();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("| customer_confirmed   |  1.00 |  0.50 |  0.67 |         2 |     1 |     0 |");
        assertThat(printed).contains("macro-F1");
        assertThat(printed).containsPattern("t2#2 customer +'yep' +want \\[customer_confirmed\\] got \\[\\]");
    }

    @Test
    void signals_malformedLine_reportedWithItsNumberAndTheOtherThreadsStillRead() throws IOException {
        Path input = temp.resolve("threads.jsonl");
        List<String> good = Files.readAllLines(THREADS);
        Files.writeString(input, good.get(0) + "\n{\"id\": \"broken\", \"turns\": [\n\n" + good.get(1) + "\n");

        assertThat(run("signals", "--rules-only", input.toString())).isZero();

        assertThat(lines()).hasSize(6);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2: not JSON").contains("2 threads, 6 turns, 1 bad lines");
    }

    @Test
    void signalsEval_malformedLabelLine_failsNamingFileAndLine() throws IOException {
        Path labels = temp.resolve("labels.jsonl");
        Files.writeString(labels, Files.readAllLines(LABELS).get(0) + "\nnot json at all\n");

        assertThat(run("signals", "--eval", labels.toString(), THREADS.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(labels + ":2: not JSON");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--model, 0.80", "--rules-only, 0.75"})
    void signalsEval_heldOutSplit_keepsTheMeasuredLevel(String detector, double floor) {
        assertThat(run("signals", "--eval", "eval/signals/test.labels.jsonl", "eval/signals/test.threads.jsonl",
                detector)).isZero();

        // docs/signals.md reports 0.83 and 0.78; a model file that no longer fits the features, or a rule change
        // that breaks a signal, falls below.
        Matcher macro = Pattern.compile("macro-F1 ([0-9.]+)").matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(macro.find()).isTrue();
        assertThat(Double.parseDouble(macro.group(1))).isGreaterThanOrEqualTo(floor);
    }

    @Test
    void signalsEval_turnWithoutLabel_failsNamingTheThread() throws IOException {
        Path labels = temp.resolve("labels.jsonl");
        Files.writeString(labels, Files.readAllLines(LABELS).get(0) + "\n");

        assertThat(run("signals", "--eval", labels.toString(), THREADS.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("thread 't1' has 3 turns but 1 label lines");
    }

    @Test
    void signalsEval_labelsForSomeThreads_measuresOnlyThose() throws IOException {
        // a labelled sample of a larger corpus: only t1 is labelled; t2 must neither count nor fail
        Path labels = temp.resolve("labels.jsonl");
        Files.write(labels, Files.readAllLines(LABELS).subList(0, 3));

        assertThat(run("signals", "--eval", labels.toString(), THREADS.toString(), "--rules-only")).isZero();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("1 threads, 3 turns").contains("macro-F1");
    }

    @Test
    void signalsEval_labelsForAThreadTheFileLacks_failsNamingIt() throws IOException {
        Path labels = temp.resolve("labels.jsonl");
        Files.writeString(labels, String.join("\n", Files.readAllLines(LABELS))
                + "\n{\"id\": \"t9\", \"turn\": 0, \"signals\": []}\n");

        assertThat(run("signals", "--eval", labels.toString(), THREADS.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("labels for thread 't9'");
    }

    @Test
    void signalsEval_labelWithTheWrongRole_fails() throws IOException {
        // labels written for another version of the corpus must not be measured silently
        Path labels = temp.resolve("labels.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(LABELS));
        lines.set(1, "{\"id\": \"t1\", \"turn\": 1, \"role\": \"customer\", \"signals\": []}");
        Files.write(labels, lines);

        assertThat(run("signals", "--eval", labels.toString(), THREADS.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("turn 1 of 't1' is labelled as customer but is agent");
    }

    @Test
    void signalsTrain_smallCorpus_writesLoadableModel() throws IOException {
        Path model = temp.resolve("model.bin");

        assertThat(run("signals", "train", "--labels", LABELS.toString(), "--threads", THREADS.toString(),
                "--out", model.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("trained on 2 threads, 6 turns");
        try (var in = Files.newInputStream(model)) {
            assertThat(io.happy3.adapter.signalmodel.LinearSignalModel.read(in).score("yep", Role.CUSTOMER,
                    io.happy3.domain.signal.ThreadContext.empty(), Set.of())).hasSize(3);
        }
    }
}
