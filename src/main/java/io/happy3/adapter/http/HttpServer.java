package io.happy3.adapter.http;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of the process (Jetty 12, ee10 servlets): the platform endpoints the adapters
 * provide, plus {@code /healthz} (process up) and {@code /readyz} (ready to take traffic, else 503 with
 * the reason).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /** A servlet at a path such as {@code /slack/events}. */
    public record Mount(String path, HttpServlet servlet) {
        public Mount {
            requireNonNull(path, "path == null");
            requireNonNull(servlet, "servlet == null");
        }
    }

    /** Open connections at most; beyond it new ones wait in the operating system's accept queue. */
    static final int MAX_CONNECTIONS = 1024;

    private final Server server;
    private final ServerConnector connector;
    private final Optional<ServerConnector> management;

    /** {@code notReady} answers why the process cannot take traffic yet, or empty when it can. */
    public HttpServer(String host, int port, List<Mount> mounts, Supplier<Optional<String>> notReady) {
        this(host, port, mounts, notReady, OptionalInt.empty(), List.of());
    }

    /**
     * Like the other constructor, plus {@code managementMounts} (such as {@code /metrics}): on their own
     * {@code managementPort} when given (with {@code /healthz} and {@code /readyz} there too), else on {@code port}.
     */
    public HttpServer(String host, int port, List<Mount> mounts, Supplier<Optional<String>> notReady,
                      OptionalInt managementPort, List<Mount> managementMounts) {
        // Memory under load is bounded by the 64 request threads (each holds one request; the inbox's group
        // commit bounds its own queue) and by the connection limit below. Jetty's job queue stays unbounded on
        // purpose: Jetty 12 warns that a bounded one "could lead to unreliable operation".
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("http");
        server = new Server(threads);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        connector = connector(host, port, "public");
        ServletContextHandler context = context(mounts, notReady);
        ContextHandlerCollection contexts = new ContextHandlerCollection(context);
        if (managementPort.isPresent()) {
            ServerConnector managed = connector(host, managementPort.getAsInt(), "management");
            management = Optional.of(managed);
            ServletContextHandler managementContext = context(managementMounts, notReady);
            context.setVirtualHosts(List.of("@public"));
            managementContext.setVirtualHosts(List.of("@management"));
            contexts.addHandler(managementContext);
        } else {
            management = Optional.empty();
            managementMounts.forEach(mount -> mount(context, mount));
        }
        // No "Server: Jetty(…)" banner and no HTML error pages with internals: a short JSON error instead.
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(contexts);
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(false);
    }

    private ServerConnector connector(String host, int port, String name) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector created = new ServerConnector(server, new HttpConnectionFactory(http));
        created.setName(name);
        created.setHost(host);
        created.setPort(port);
        server.addConnector(created);
        return created;
    }

    private static ServletContextHandler context(List<Mount> mounts, Supplier<Optional<String>> notReady) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new TextServlet(() -> Optional.empty())), "/healthz");
        context.addServlet(new ServletHolder(new TextServlet(notReady)), "/readyz");
        mounts.forEach(mount -> mount(context, mount));
        context.setErrorHandler(new JsonErrorHandler());
        return context;
    }

    private static void mount(ServletContextHandler context, Mount mount) {
        ServletHolder holder = new ServletHolder(mount.servlet());
        holder.setAsyncSupported(true);
        context.addServlet(holder, mount.path());
    }

    public HttpServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP server on " + connector.getHost() + ":"
                    + connector.getPort() + ": " + e.getMessage(), e);
        }
        log.info("listening on {}:{}", connector.getHost() == null ? "*" : connector.getHost(),
                connector.getLocalPort());
        management.ifPresent(managed -> log.info("management endpoints (/metrics) on {}:{}", managed.getHost(),
                managed.getLocalPort()));
        return this;
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The management port actually bound, when there is one. */
    public OptionalInt managementPort() {
        return management.map(managed -> OptionalInt.of(managed.getLocalPort())).orElse(OptionalInt.empty());
    }

    /** Stops accepting connections and lets in-flight requests finish (bounded by the stop timeout). */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    /** Answers 200 "ok", or 503 with the reason. */
    private static final class TextServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<Optional<String>> problem;

        TextServlet(Supplier<Optional<String>> problem) {
            this.problem = problem;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<String> reason;
            try {
                reason = problem.get();
            } catch (RuntimeException e) {
                reason = Optional.of("check failed: " + e.getClass().getSimpleName());
            }
            response.setStatus(reason.isPresent() ? 503 : 200);
            response.setContentType("text/plain; charset=utf-8");
            response.getOutputStream().write((reason.orElse("ok") + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
