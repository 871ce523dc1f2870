package io.happy3.app;

import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.signal.SignalDetector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal detector for each playbook: the built-in matchers plus the playbook's phrases, built once
 * per playbook version (a reloaded playbook is a new value, so it gets a new detector). Thread-safe.
 */
public final class Signals {
    private final SignalDetector builtIn = SignalDetector.builtIn();
    private final Map<Playbook, SignalDetector> byPlaybook = new ConcurrentHashMap<>();

    public SignalDetector forPlaybook(Playbook playbook) {
        if (byPlaybook.size() > 256) {
            byPlaybook.clear();
        }
        return byPlaybook.computeIfAbsent(playbook,
                found -> found.signals().isEmpty() ? builtIn : builtIn.withPhrases(found.id(), found.signals()));
    }
}
