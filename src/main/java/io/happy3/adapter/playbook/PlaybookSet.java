package io.happy3.adapter.playbook;

import io.happy3.adapter.playbook.YamlNode.Position;
import io.happy3.domain.playbook.Playbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks across the files of one folder: each playbook id is used once, and each channel is
 * followed by one playbook (else which playbook coaches it would depend on file order). Not thread-safe.
 */
final class PlaybookSet {
    private final Map<String, LoadResult> byId = new HashMap<>();
    private final Map<String, LoadResult> byChannel = new HashMap<>();

    /** Adds the good {@code result} when it conflicts with none added before; else answers the conflicts. */
    List<PlaybookProblem> tryAdd(LoadResult result) {
        Playbook playbook = result.playbook().orElseThrow(() -> new IllegalArgumentException("broken: " + result));
        Problems conflicts = new Problems(result.file());
        LoadResult sameId = byId.get(playbook.id().value());
        if (sameId != null) {
            conflicts.add(result.idPosition(), "id: duplicate playbook id '" + playbook.id() + "', also used in "
                    + where(sameId, sameId.idPosition()));
        }
        for (String channel : playbook.channels()) {
            LoadResult other = byChannel.get(channel);
            if (other != null) {
                conflicts.add(result.channelPositions().get(channel), "channels: '" + channel
                        + "' is already followed by playbook '" + other.playbook().orElseThrow().id() + "' ("
                        + where(other, other.channelPositions().get(channel)) + ")");
            }
        }
        if (conflicts.isEmpty()) {
            byId.put(playbook.id().value(), result);
            playbook.channels().forEach(channel -> byChannel.put(channel, result));
        }
        return conflicts.list();
    }

    private static String where(LoadResult result, Position position) {
        return result.file() + ":" + position.line() + ":" + position.column();
    }

    /**
     * Reads every file and runs the checks across the files of each folder (the ones that would be
     * loaded together), for {@code happy3 playbook check}.
     */
    static List<LoadResult> checkAll(YamlPlaybookLoader loader, List<Path> files) {
        Map<Path, PlaybookSet> sets = new HashMap<>();
        List<LoadResult> results = new ArrayList<>();
        for (Path file : files) {
            LoadResult result = loader.read(file);
            if (result.good()) {
                Path folder = file.toAbsolutePath().normalize().getParent();
                PlaybookSet set = sets.computeIfAbsent(folder, any -> new PlaybookSet());
                List<PlaybookProblem> conflicts = set.tryAdd(result);
                if (!conflicts.isEmpty()) {
                    result = LoadResult.broken(result.file(), conflicts);
                }
            }
            results.add(result);
        }
        return results;
    }
}
