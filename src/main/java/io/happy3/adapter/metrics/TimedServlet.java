package io.happy3.adapter.metrics;

import static java.util.Objects.requireNonNull;

import io.happy3.app.Telemetry;
import io.happy3.domain.chat.Platform;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Wraps a platform endpoint to report its acknowledgement latency (request in → response written). */
public final class TimedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final HttpServlet delegate;
    private final transient Telemetry telemetry;
    private final Platform platform;

    public TimedServlet(HttpServlet delegate, Telemetry telemetry, Platform platform) {
        this.delegate = requireNonNull(delegate, "delegate == null");
        this.telemetry = requireNonNull(telemetry, "telemetry == null");
        this.platform = requireNonNull(platform, "platform == null");
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        delegate.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            delegate.service(request, response);
        } finally {
            telemetry.ackLatency(platform, System.nanoTime() - start);
        }
    }

    @Override
    public void destroy() {
        delegate.destroy();
        super.destroy();
    }
}
