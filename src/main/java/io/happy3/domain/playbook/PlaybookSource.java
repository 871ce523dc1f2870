package io.happy3.domain.playbook;

import java.util.List;
import java.util.Optional;

/** Port: the playbooks currently in force (the last good version of each file). Thread-safe. */
public interface PlaybookSource {
    List<Playbook> all();

    default Optional<Playbook> find(PlaybookId id) {
        return all().stream().filter(playbook -> playbook.id().equals(id)).findFirst();
    }

    /** The playbook whose {@code channels} list names {@code channelId}, if any. */
    default Optional<Playbook> forChannel(String channelId) {
        return all().stream().filter(playbook -> playbook.channels().contains(channelId)).findFirst();
    }

    /** A fixed set of playbooks, for tests and the demo. */
    static PlaybookSource of(List<Playbook> playbooks) {
        List<Playbook> copy = List.copyOf(playbooks);
        return () -> copy;
    }
}
