package io.happy3.domain.signal;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The thread so far, as the signal detector sees it: for each earlier message its role, time, the signals
 * found in it and its {@link Cue}s — never its text. Keeps the last {@link #KEPT} messages. Immutable.
 */
public record ThreadContext(List<Turn> turns) {
    /** How many earlier messages are kept; older ones no longer change how a message reads. */
    public static final int KEPT = 8;
    private static final ThreadContext EMPTY = new ThreadContext(List.of());

    /** One earlier message. */
    public record Turn(Role role, Instant at, Set<Signal> signals, Set<Cue> cues) {
        public Turn {
            requireNonNull(role, "role == null");
            requireNonNull(at, "at == null");
            signals = Set.copyOf(signals);
            cues = Set.copyOf(cues);
        }
    }

    public ThreadContext {
        turns = List.copyOf(turns);
    }

    /** No earlier messages: the message is the thread's opening one. */
    public static ThreadContext empty() {
        return EMPTY;
    }

    /** This context followed by {@code turn}, dropping the oldest beyond {@link #KEPT}. */
    public ThreadContext then(Turn turn) {
        requireNonNull(turn, "turn == null");
        List<Turn> next = new ArrayList<>(turns.subList(Math.max(0, turns.size() - KEPT + 1), turns.size()));
        next.add(turn);
        return new ThreadContext(next);
    }

    public boolean opening() {
        return turns.isEmpty();
    }

    /** The latest earlier message written in {@code role}. */
    public Optional<Turn> last(Role role) {
        for (int index = turns.size() - 1; index >= 0; index--) {
            if (turns.get(index).role() == role) {
                return Optional.of(turns.get(index));
            }
        }
        return Optional.empty();
    }

    public Optional<Turn> last() {
        return turns.isEmpty() ? Optional.empty() : Optional.of(turns.get(turns.size() - 1));
    }

    /** True when any earlier kept message carried {@code signal}. */
    public boolean seen(Signal signal) {
        return turns.stream().anyMatch(turn -> turn.signals().contains(signal));
    }
}
