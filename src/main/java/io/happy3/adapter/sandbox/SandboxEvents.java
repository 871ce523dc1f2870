package io.happy3.adapter.sandbox;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The page's live updates: a server-sent event stream per open page. A small timer announces each new
 * {@link Sandbox#version()} ({@code event: change}), and a comment every 15 s keeps proxies from closing the
 * stream; the page then fetches the state. No request thread is held while a page is open. Thread-safe.
 */
final class SandboxEvents implements AutoCloseable {
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final List<AsyncContext> streams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-events");
        thread.setDaemon(true);
        return thread;
    });
    private final LongSupplier version;
    private long announced = -1;
    private long lastWrite;

    SandboxEvents(LongSupplier version) {
        this.version = version;
        timer.scheduleWithFixedDelay(this::announce, 200, 200, TimeUnit.MILLISECONDS);
    }

    void open(AsyncContext context) throws IOException {
        context.setTimeout(0);
        HttpServletResponse response = (HttpServletResponse) context.getResponse();
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        send(context, "retry: 2000\nevent: change\ndata: " + version.getAsLong() + "\n\n");
        streams.add(context);
    }

    private void announce() {
        long now = System.currentTimeMillis();
        long current = version.getAsLong();
        String message = null;
        if (current != announced) {
            announced = current;
            message = "event: change\ndata: " + current + "\n\n";
        } else if (now - lastWrite > HEARTBEAT_MILLIS) {
            message = ": still here\n\n";
        }
        if (message == null) {
            return;
        }
        lastWrite = now;
        for (AsyncContext context : streams) {
            if (!send(context, message)) {
                streams.remove(context);
                complete(context);
            }
        }
    }

    private static boolean send(AsyncContext context, String message) {
        try {
            var out = context.getResponse().getOutputStream();
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static void complete(AsyncContext context) {
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (the page went away)
        }
    }

    /** Ends every stream, so the server can stop without waiting for open pages. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (AsyncContext context : streams) {
            complete(context);
        }
        streams.clear();
    }
}
