package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.time.Backoff;
import io.happy3.domain.time.RetryPolicy;
import io.happy3.testing.ApiCallLog;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
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
                new InMemoryInstallationStore(), duration -> { },
                new RetryPolicy(2, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)), Duration.ZERO));
        ApiCallLog log = new ApiCallLog();
        api.reportTo(log);

        assertThatThrownBy(() -> api.call("T1", "auth.test", methods -> methods.authTest(request -> request)))
                .isInstanceOf(ChatDeliveryException.class);

        assertThat(log.calls()).containsExactly("slack auth.test 0", "slack auth.test 0");
    }
}
