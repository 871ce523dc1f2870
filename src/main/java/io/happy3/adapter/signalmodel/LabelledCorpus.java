package io.happy3.adapter.signalmodel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Signal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Labelled conversations: a threads file in the input format of {@code happy3 signals} ({@code {"id","turns":[{"role",
 * "text"}]}}) and a labels file with one line per turn ({@code {"id","turn","signals":[...],"note"}}). A turn without a
 * label line is reported, not guessed.
 */
public final class LabelledCorpus {
    /** One labelled turn; {@code gold} is empty for a turn with no signal. */
    public record Turn(Role role, String text, Set<Signal> gold, Optional<String> note) {
        public Turn {
            requireNonNull(role, "role == null");
            requireNonNull(text, "text == null");
            gold = Set.copyOf(gold);
            requireNonNull(note, "note == null");
        }
    }

    /** One labelled thread. */
    public record Thread(String id, List<Turn> turns) {
        public Thread {
            requireNonNull(id, "id == null");
            turns = List.copyOf(turns);
        }
    }

    private LabelledCorpus() {
    }

    /** Reads both files; throws {@link IllegalArgumentException} naming the file and line of the first problem. */
    public static List<Thread> read(Path labels, Path threads) {
        return read(labels, threads, false);
    }

    /**
     * Like {@link #read}, but the labels may cover a subset of the threads file (a labelled sample of a larger corpus):
     * threads without any label line are left out. A labelled thread must still have a label for every turn, and a
     * label for a thread the file does not hold, or whose role differs from the turn's, fails.
     */
    public static List<Thread> readSubset(Path labels, Path threads) {
        return read(labels, threads, true);
    }

    private static List<Thread> read(Path labels, Path threads, boolean subset) {
        Map<String, Map<Integer, JsonNode>> byThread = labelsByThread(labels);
        List<Thread> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        lines(threads, (number, node) -> {
            String id = node.path("id").asText("");
            JsonNode turns = node.path("turns");
            Map<Integer, JsonNode> labelled = byThread.getOrDefault(id, Map.of());
            if (subset && labelled.isEmpty()) {
                return;
            }
            seen.add(id);
            if (!turns.isArray() || labelled.size() != turns.size()) {
                throw new IllegalArgumentException(threads + ":" + number + ": thread '" + id + "' has " + turns.size()
                        + " turns but " + labelled.size() + " label lines in " + labels);
            }
            result.add(thread(id, turns, labelled, labels, threads));
        });
        byThread.keySet().stream().filter(id -> !seen.contains(id)).sorted().findFirst().ifPresent(id -> {
            throw new IllegalArgumentException(labels + ": labels for thread '" + id + "', which " + threads
                    + " does not hold");
        });
        return result;
    }

    private static Map<String, Map<Integer, JsonNode>> labelsByThread(Path labels) {
        Map<String, Map<Integer, JsonNode>> byThread = new HashMap<>();
        lines(labels, (number, node) -> {
            if (!node.path("id").isTextual() || !node.path("turn").canConvertToInt() || !node.path("signals").isArray()) {
                throw new IllegalArgumentException(labels + ":" + number + ": a label needs id, turn and signals");
            }
            byThread.computeIfAbsent(node.get("id").asText(), id -> new HashMap<>()).put(node.get("turn").asInt(), node);
        });
        return byThread;
    }

    private static Thread thread(String id, JsonNode turns, Map<Integer, JsonNode> labelled, Path labels, Path threads) {
        List<Turn> list = new ArrayList<>();
        for (int index = 0; index < turns.size(); index++) {
            JsonNode turn = turns.get(index);
            JsonNode label = labelled.get(index);
            if (label == null) {
                throw new IllegalArgumentException(labels + ": no label for turn " + index + " of '" + id + "'");
            }
            if (label.hasNonNull("role") && !label.get("role").asText().equals(turn.path("role").asText())) {
                throw new IllegalArgumentException(labels + ": turn " + index + " of '" + id + "' is labelled as "
                        + label.get("role").asText() + " but is " + turn.path("role").asText() + " in " + threads);
            }
            list.add(new Turn(role(turn), turn.path("text").asText(""), signals(label, labels),
                    Optional.ofNullable(label.get("note")).map(JsonNode::asText)));
        }
        return new Thread(id, list);
    }

    static Role role(JsonNode turn) {
        return "agent".equals(turn.path("role").asText()) ? Role.AGENT : Role.CUSTOMER;
    }

    private static Set<Signal> signals(JsonNode label, Path file) {
        Set<Signal> set = EnumSet.noneOf(Signal.class);
        for (JsonNode name : label.get("signals")) {
            set.add(Signal.fromWireName(name.asText()).orElseThrow(() -> new IllegalArgumentException(
                    file + ": unknown signal '" + name.asText() + "' on turn " + label.get("turn") + " of "
                            + label.get("id"))));
        }
        return set;
    }

    private static void lines(Path file, JsonLines.Handler handler) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonLines.read(reader, handler, (number, problem) -> {
                throw new IllegalArgumentException(file + ":" + number + ": not JSON (" + problem + ")");
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
