package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.app.Telemetry;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.nudge.ChatDeliveryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A Slack Web API that cannot be reached shows up in the API-call metric, not only in the logs. */
class SlackWebApiTelemetryTest {
    @Test
    void call_connectionRefused_isCountedAsANetworkErrorPerAttempt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + closedPort + "/api/");
        config.setStatsEnabled(false);
        SlackWebApi api = new SlackWebApi(Slack.getInstance(config), Optional.of("xoxb-not-a-real-token"),
                new InMemoryInstallationStore(), duration -> { }, 2, Duration.ZERO);
        List<String> calls = new CopyOnWriteArrayList<>();
        api.reportTo(new RecordingTelemetry(calls));

        assertThatThrownBy(() -> api.call("T1", "auth.test", methods -> methods.authTest(request -> request)))
                .isInstanceOf(ChatDeliveryException.class);

        assertThat(calls).containsExactly("slack auth.test 0", "slack auth.test 0");
    }

    private record RecordingTelemetry(List<String> calls) implements Telemetry {
        @Override
        public void apiCall(Platform platform, String method, int status) {
            calls.add(platform.name().toLowerCase(java.util.Locale.ROOT) + " " + method + " " + status);
        }

        @Override
        public void eventReceived(Platform platform, boolean duplicate) {
        }

        @Override
        public void eventFailed(Platform platform) {
        }

        @Override
        public void ackLatency(Platform platform, long nanos) {
        }

        @Override
        public void nudge(String outcome) {
        }

        @Override
        public void schedulerLag(long millis) {
        }
    }
}
