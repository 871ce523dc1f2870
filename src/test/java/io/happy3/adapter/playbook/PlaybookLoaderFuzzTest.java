package io.happy3.adapter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the playbook loader: any text is either a playbook or a list of problems, each naming the file, a
 * line and a column inside the text; never another exception. Seeds: the shipped and the broken fixture
 * playbooks, in {@code PlaybookLoaderFuzzTestInputs/}.
 */
class PlaybookLoaderFuzzTest {
    private final YamlPlaybookLoader loader = new YamlPlaybookLoader();

    @FuzzTest(maxDuration = "5s")
    void read_anyText_isAPlaybookOrProblemsWithPositions(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        LoadResult result = loader.read("fuzz.yaml", yaml);

        if (result.good()) {
            assertThat(result.playbook()).isPresent();
            return;
        }
        long lines = yaml.lines().count() + 2;
        assertThat(result.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.toString()).startsWith("fuzz.yaml:");
            assertThat(problem.line()).isBetween(1, (int) lines);
            assertThat(problem.column()).isPositive();
        });
    }
}
