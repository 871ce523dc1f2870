package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.SignalModel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The signal detector for each playbook: the built-in matchers, the trained model once it is loaded, plus the
 * playbook's phrases, built once per playbook version (a reloaded playbook is a new value, so it gets a new
 * detector). Until the model has loaded, the rules alone answer. Thread-safe.
 */
public final class Signals {
    private final Supplier<Optional<SignalModel>> model;
    private final Map<Playbook, SignalDetector> byPlaybook = new ConcurrentHashMap<>();
    private volatile boolean withModel;

    /** Rules only. */
    public Signals() {
        this(Optional::empty);
    }

    /** Rules and, as soon as {@code model} returns one, the trained model. */
    public Signals(Supplier<Optional<SignalModel>> model) {
        this.model = requireNonNull(model, "model == null");
    }

    public SignalDetector forPlaybook(Playbook playbook) {
        Optional<SignalModel> loaded = withModel ? Optional.empty() : model.get();
        if (loaded.isPresent()) {
            withModel = true;
            byPlaybook.clear(); // detectors built before the model arrived are rules only
        }
        if (byPlaybook.size() > 256) {
            byPlaybook.clear();
        }
        return byPlaybook.computeIfAbsent(playbook, found -> {
            SignalDetector base = model.get().map(SignalDetector.builtIn()::withModel).orElse(SignalDetector.builtIn());
            return found.signals().isEmpty() ? base : base.withPhrases(found.id().value(), found.signals());
        });
    }
}
