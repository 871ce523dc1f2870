package io.happy3.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class MetricsServletTest {
    @Test
    void get_overHttp_answersPrometheusText() throws Exception {
        try (MicrometerTelemetry telemetry = MicrometerTelemetry.prometheus()) {
            telemetry.eventReceived(Platform.TEAMS, false);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.addServlet(new ServletHolder(MetricsServlet.of(telemetry)), "/metrics");
            server.setHandler(context);
            server.start();
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
                assertThat(response.body()).contains("# TYPE happy3_events_received_total counter",
                        "happy3_events_received_total{platform=\"teams\"} 1.0");
            } finally {
                server.stop();
            }
        }
    }
}
