package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalModel;
import io.happy3.domain.signal.ThreadContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundSignalModelTest {
    private static final SignalModel NOTHING = new SignalModel() {
        @Override
        public List<Score> score(String text, Role role, ThreadContext context, Set<Signal> ruleSignals) {
            return List.of();
        }
    };

    private static void awaitReady(BackgroundSignalModel model) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (model.notReady().filter(problem -> problem.equals("signal model loading")).isPresent()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
    }

    @Test
    void notReady_whileLoading_saysSoThenClears() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundSignalModel model = BackgroundSignalModel.start(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return NOTHING;
        });

        assertThat(model.notReady()).contains("signal model loading");
        assertThat(model.get()).isEmpty();
        release.countDown();
        awaitReady(model);

        assertThat(model.notReady()).isEmpty();
        assertThat(model.get()).contains(NOTHING);
    }

    @Test
    void notReady_loadFails_namesTheFailure() throws InterruptedException {
        BackgroundSignalModel model = BackgroundSignalModel.start(() -> {
            throw new IllegalStateException("no signal model on the class path");
        });
        awaitReady(model);

        assertThat(model.notReady()).isEqualTo(Optional.of(
                "signal model failed to load: no signal model on the class path"));
        assertThat(model.get()).isEmpty();
    }

    @Test
    void bundled_loads() throws InterruptedException {
        BackgroundSignalModel model = BackgroundSignalModel.bundled();
        awaitReady(model);

        assertThat(model.notReady()).isEmpty();
    }
}
