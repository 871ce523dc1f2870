package io.happy3.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.adapter.playbook.YamlPlaybookLoader;
import io.happy3.adapter.signalmodel.JsonLines;
import io.happy3.adapter.signalmodel.LinearSignalModel;
import io.happy3.domain.issue.Role;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.ThreadContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code happy3 signals [--playbook FILE] [--rules-only] [FILE.jsonl]}: runs the signal detector over past
 * conversations, each thread in order so every turn is read in its context; one JSON line per turn out
 * ({@code id}, {@code turn}, {@code role}, {@code signals}, {@code rules} and {@code why}: each signal with its
 * explanation), a summary on stderr. Lets a team check its playbook phrases against its own history. A
 * malformed line is reported with its line number and skipped.
 */
public final class SignalsCommand {
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public SignalsCommand(Clock clock) {
        this.clock = clock;
    }

    /** The built-in rules, the bundled model unless {@code rulesOnly}, and the playbook's phrases if given. */
    static SignalDetector detector(Optional<Path> playbookFile, boolean rulesOnly) {
        SignalDetector detector = SignalDetector.builtIn();
        if (!rulesOnly) {
            detector = detector.withModel(LinearSignalModel.bundled());
        }
        if (playbookFile.isPresent()) {
            Playbook playbook = new YamlPlaybookLoader().load(playbookFile.get());
            detector = detector.withPhrases(playbook.id().value(), playbook.signals());
        }
        return detector;
    }

    public int run(SignalDetector detector, InputStream in, PrintStream out, PrintStream err) {
        Map<Signal, Integer> counts = new EnumMap<>(Signal.class);
        int[] tally = new int[3]; // threads, turns, bad lines
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            JsonLines.read(reader, (number, thread) -> {
                JsonNode turns = thread.path("turns");
                if (!turns.isArray()) {
                    err.printf("line %d: no \"turns\" array, skipped%n", number);
                    tally[2]++;
                    return;
                }
                tally[0]++;
                tally[1] += turns.size();
                readThread(detector, thread.path("id").asText("line-" + number), turns, now, out, counts);
            }, (number, problem) -> {
                err.printf("line %d: not JSON (%s), skipped%n", number, problem);
                tally[2]++;
            });
        } catch (IOException e) {
            err.println("cannot read input: " + e.getMessage());
            return 1;
        }
        err.printf(Locale.ROOT, "%d threads, %d turns%s%n", tally[0], tally[1],
                tally[2] > 0 ? ", " + tally[2] + " bad lines" : "");
        for (Signal signal : Signal.values()) {
            err.printf(Locale.ROOT, "  %-20s %5d%n", signal.wireName(), counts.getOrDefault(signal, 0));
        }
        return 0;
    }

    /** Detects every turn of one thread in order, each read in the context of the detector's earlier findings. */
    private void readThread(SignalDetector detector, String id, JsonNode turns, ZonedDateTime now, PrintStream out,
                            Map<Signal, Integer> counts) {
        ThreadContext context = ThreadContext.empty();
        for (int index = 0; index < turns.size(); index++) {
            JsonNode turn = turns.get(index);
            Role role = "agent".equals(turn.path("role").asText()) ? Role.AGENT : Role.CUSTOMER;
            String text = turn.path("text").asText("");
            List<DetectedSignal> found = detector.detect(text, role, now, context);
            context = context.then(new ThreadContext.Turn(role, now.toInstant(),
                    found.stream().map(DetectedSignal::signal).collect(Collectors.toSet()), Cue.of(text, role)));
            out.println(output(id, index, role, found).toString());
            found.stream().map(DetectedSignal::signal).distinct().forEach(signal -> counts.merge(signal, 1, Integer::sum));
        }
    }

    private ObjectNode output(String id, int index, Role role, List<DetectedSignal> found) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id);
        node.put("turn", index);
        node.put("role", role.name().toLowerCase(Locale.ROOT));
        ArrayNode signals = node.putArray("signals");
        ArrayNode rules = node.putArray("rules");
        ObjectNode why = node.putObject("why");
        found.stream().map(DetectedSignal::signal).distinct().forEach(signal -> signals.add(signal.wireName()));
        found.forEach(signal -> rules.add(signal.rule()));
        found.forEach(signal -> why.put(signal.signal().wireName(), signal.rule()));
        return node;
    }

    public static int runFile(SignalDetector detector, Optional<Path> file, PrintStream out, PrintStream err,
                              Clock clock) {
        try (InputStream in = file.isPresent() ? Files.newInputStream(file.get()) : System.in) {
            return new SignalsCommand(clock).run(detector, in, out, err);
        } catch (IOException e) {
            err.println("cannot read " + file.map(Path::toString).orElse("stdin") + ": " + e.getMessage());
            return 1;
        }
    }
}
