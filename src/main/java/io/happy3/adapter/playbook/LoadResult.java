package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.YamlNode.Position;
import io.happy3.domain.playbook.Playbook;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading one playbook file gave: the playbook when it is good, else its problems; and where
 * its id and channels are written, so that checks across files can point at them.
 */
record LoadResult(String file, Optional<Playbook> playbook, List<PlaybookProblem> problems, Position idPosition,
                  Map<String, Position> channelPositions) {
    LoadResult {
        requireNonNull(file, "file == null");
        requireNonNull(playbook, "playbook == null");
        problems = List.copyOf(problems);
        requireNonNull(idPosition, "idPosition == null");
        channelPositions = Map.copyOf(channelPositions);
    }

    static LoadResult broken(String file, List<PlaybookProblem> problems) {
        return new LoadResult(file, Optional.empty(), problems, Position.START, Map.of());
    }

    boolean good() {
        return playbook.isPresent();
    }
}
