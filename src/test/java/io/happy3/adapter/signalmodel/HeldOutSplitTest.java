package io.happy3.adapter.signalmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeldOutSplitTest {
    // Short texts that two fragment pools share on purpose (a closing acknowledgement, a thanks, a thumbs-up), so
    // both splits draw them; every other held-out text must be new to training (docs/signals.md).
    private static final Set<String> SHARED = Set.of("great, thanks for confirming", "ok thx", "mil gracias",
            "Mil gracias", "👍", ":+1:");

    private static List<LabelledCorpus.Thread> split(String name) {
        return LabelledCorpus.read(Path.of("eval/signals/" + name + ".labels.jsonl"),
                Path.of("eval/signals/" + name + ".threads.jsonl"));
    }

    private static Set<String> texts(List<LabelledCorpus.Thread> threads) {
        return threads.stream().flatMap(thread -> thread.turns().stream()).map(LabelledCorpus.Turn::text)
                .collect(Collectors.toSet());
    }

    @Test
    void heldOutSplit_hasNoTurnTextTheModelWasTrainedOn() {
        Set<String> train = texts(split("train"));

        Set<String> seen = texts(split("test")).stream().filter(train::contains).collect(Collectors.toSet());

        assertThat(seen).as("held-out texts that also occur in the train split").isSubsetOf(SHARED);
    }
}
