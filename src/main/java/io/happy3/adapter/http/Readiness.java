package io.happy3.adapter.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether this replica can take traffic: named checks run in order, the first problem is the answer
 * ({@code /readyz} shows it with a 503). A check that throws counts as failed. Thread-safe once built.
 */
public final class Readiness implements Supplier<Optional<String>> {
    /** One check: why it is not ready, or empty. */
    @FunctionalInterface
    public interface Check {
        Optional<String> problem();
    }

    private record Named(String name, Check check) {
    }

    private final List<Named> checks = new ArrayList<>();

    /** Adds a check; checks run in the order added and stop at the first problem. */
    public synchronized Readiness check(String name, Check check) {
        checks.add(new Named(requireNonNull(name, "name == null"), requireNonNull(check, "check == null")));
        return this;
    }

    /** Adds a check that fails with {@code problem} while {@code ok} answers false. */
    public Readiness require(String name, java.util.function.BooleanSupplier ok, String problem) {
        requireNonNull(ok, "ok == null");
        requireNonNull(problem, "problem == null");
        return check(name, () -> ok.getAsBoolean() ? Optional.empty() : Optional.of(problem));
    }

    @Override
    public Optional<String> get() {
        List<Named> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(checks);
        }
        for (Named named : snapshot) {
            Optional<String> problem;
            try {
                problem = named.check().problem();
            } catch (RuntimeException e) {
                problem = Optional.of(named.name() + " check failed: " + e.getClass().getSimpleName());
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
