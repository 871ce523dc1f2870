package io.happy3.adapter.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the Prometheus text exposition of a {@link PrometheusMeterRegistry}. */
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The classic Prometheus text format; every Prometheus version scrapes it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;

    public MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry == null");
    }

    /** The servlet for the registry of {@code telemetry}; it must be a Prometheus registry. */
    public static MetricsServlet of(MicrometerTelemetry telemetry) {
        if (!(telemetry.registry() instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalArgumentException("telemetry does not report into a PrometheusMeterRegistry: "
                    + telemetry.registry().getClass().getName());
        }
        return new MetricsServlet(prometheus);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
