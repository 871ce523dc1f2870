package io.happy3.cli;

import io.happy3.adapter.signalmodel.LinearSignalModel;
import io.happy3.domain.signal.SignalModel;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the bundled signal model on a background thread, so that {@code serve} answers {@code /readyz} at once;
 * until it is loaded the detectors use the phrase rules alone, and readiness waits for it. Thread-safe.
 */
final class BackgroundSignalModel implements Supplier<Optional<SignalModel>> {
    private static final Logger log = LoggerFactory.getLogger(BackgroundSignalModel.class);

    private final AtomicReference<SignalModel> model = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean disabled;

    static BackgroundSignalModel start(Supplier<? extends SignalModel> loader) {
        BackgroundSignalModel background = new BackgroundSignalModel();
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                background.model.set(loader.get());
                log.info("signal model loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                background.failure.set(e.getMessage());
                log.error("cannot load the signal model; the phrase rules alone detect signals", e);
            }
        }, "signal-model-loader");
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    static BackgroundSignalModel bundled() {
        return start(LinearSignalModel::bundled);
    }

    /** No model: the phrase rules alone ({@code HAPPY3_SIGNAL_MODEL=false}, the default); ready at once. */
    static BackgroundSignalModel none() {
        BackgroundSignalModel none = new BackgroundSignalModel();
        none.disabled = true;
        return none;
    }

    @Override
    public Optional<SignalModel> get() {
        return Optional.ofNullable(model.get());
    }

    /** Empty when the model is loaded; else why not yet. */
    Optional<String> notReady() {
        if (disabled || model.get() != null) {
            return Optional.empty();
        }
        String failed = failure.get();
        return Optional.of(failed == null ? "signal model loading" : "signal model failed to load: " + failed);
    }
}
