package io.happy3.adapter.playbook;

import io.happy3.adapter.playbook.YamlNode.Mapping;
import io.happy3.adapter.playbook.YamlNode.Scalar;
import io.happy3.domain.playbook.CheckInRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a playbook's {@code check_ins:} mapping, reporting each problem with its position. */
final class CheckInReader {
    static final List<String> KEYS = List.of("per_agent_per_week", "quiet_after", "after_confirmed",
            "after_bounce_back");
    private static final int MAX_PER_WEEK = 500;

    private final Problems problems;

    CheckInReader(Problems problems) {
        this.problems = problems;
    }

    Optional<CheckInRules> read(Mapping mapping) {
        int before = problems.list().size();
        Fields fields = new Fields(mapping, "check_ins", KEYS, problems);
        int quota = fields.positiveInt("per_agent_per_week", MAX_PER_WEEK)
                .orElse(CheckInRules.DEFAULT_PER_AGENT_PER_WEEK);
        Optional<Duration> quiet = fields.duration("quiet_after", false);
        List<Duration> afterConfirmed = new ArrayList<>();
        for (Scalar scalar : fields.textList("after_confirmed").orElse(List.of())) {
            fields.duration("after_confirmed", scalar, false).ifPresent(afterConfirmed::add);
        }
        boolean bounceBack = fields.bool("after_bounce_back").orElse(false);
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CheckInRules(quota, quiet, afterConfirmed, bounceBack));
    }
}
