package io.happy3.bench;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local fake of the Slack Web API for the servers under test: answers {@code auth.test},
 * {@code users.info}, {@code conversations.open}, {@code chat.postMessage}, {@code chat.postEphemeral} and
 * the rest with {@code ok:true}, counts every call per method, hands each call's fields (form or JSON body) to an
 * optional listener (to count deliveries exactly once), and can emulate Slack's per-method rate limits
 * (HTTP 429 with {@code Retry-After}).
 */
final class FakeSlack implements AutoCloseable {
    /** The team every bench event and installation belongs to. */
    static final String TEAM = "T0BENCH01";
    /** Users whose id starts with this are workspace admins (they may run {@code /happy3 follow}, {@code agents}). */
    static final String ADMIN_PREFIX = "U0ADMIN";

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> limited = new ConcurrentHashMap<>();
    private final Map<String, Window> limits = new ConcurrentHashMap<>();
    private volatile Consumer<Call> listener = call -> { };

    /** One call: the method and its fields (query string, and the url-encoded or JSON body's top level). */
    record Call(String method, Map<String, String> params) {
    }

    FakeSlack() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("fake-slack");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    /** The Web API base URL, ending in {@code /api/}. */
    String apiUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/api/";
    }

    void onCall(Consumer<Call> listener) {
        this.listener = listener;
    }

    /** At most {@code perSecond} calls of {@code method} per second; the rest answer 429, Retry-After 1. */
    void limit(String method, int perSecond) {
        limits.put(method, new Window(perSecond));
    }

    void clearLimits() {
        limits.clear();
    }

    /** Calls per method so far (429s included). */
    Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((method, count) -> copy.put(method, count.sum()));
        return copy;
    }

    /** Calls per method answered 429 so far. */
    Map<String, Long> rateLimited() {
        Map<String, Long> copy = new TreeMap<>();
        limited.forEach((method, count) -> copy.put(method, count.sum()));
        return copy;
    }

    void resetCounts() {
        calls.clear();
        limited.clear();
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = path.startsWith("/api/") ? path.substring(5) : path;
        calls.computeIfAbsent(method, key -> new LongAdder()).increment();
        Window window = limits.get(method);
        if (window != null && !window.tryAcquire()) {
            limited.computeIfAbsent(method, key -> new LongAdder()).increment();
            response.setStatus(429);
            response.getHeaders().put("Retry-After", "1");
            json(response, callback, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        try {
            form(request.getHttpURI().getQuery(), params);
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                form(body, params);
            } else if (type != null && type.startsWith("application/json")) {
                json(body, params); // Slack's write methods take a JSON body with a bearer token too
            }
        } catch (Exception e) {
            response.setStatus(400);
            json(response, callback, "{\"ok\":false,\"error\":\"invalid_form_data\"}");
            return;
        }
        listener.accept(new Call(method, params));
        json(response, callback, answer(method, params));
    }

    private static String answer(String method, Map<String, String> params) {
        String user = params.getOrDefault("user", params.getOrDefault("users", "U0NOBODY"));
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\",\"user\":\"happy3\","
                    + "\"team_id\":\"" + TEAM + "\",\"user_id\":\"U0HAPPY3\",\"bot_id\":\"B0HAPPY3\"}";
            case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"team_id\":\"" + TEAM + "\",\"name\":\""
                    + user.toLowerCase() + "\",\"real_name\":\"Agent " + user + "\",\"tz\":\"UTC\",\"tz_offset\":0,"
                    + "\"is_admin\":" + user.startsWith(ADMIN_PREFIX) + ","
                    + "\"profile\":{\"display_name\":\"" + user + "\"}}}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + user + "\"}}";
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "C0") + "\","
                    + "\"ts\":\"" + ts() + "\",\"message\":{\"type\":\"message\",\"bot_id\":\"B0HAPPY3\"}}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + ts() + "\"}";
            case "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V0HOME\",\"type\":\"home\"}}";
            case "usergroups.users.list" -> "{\"ok\":true,\"users\":[]}";
            // As Slack: a permalink per message (Happy3 caches it; an answer without one is asked again every time).
            case "chat.getPermalink" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "C0")
                    + "\",\"permalink\":\"https://bench.slack.com/archives/" + params.getOrDefault("channel", "C0")
                    + "/p" + params.getOrDefault("message_ts", "0").replace(".", "") + "\"}";
            default -> "{\"ok\":true}";
        };
    }

    private static final AtomicLong TS = new AtomicLong(1_800_000_000_000_000L);

    private static String ts() {
        long micros = TS.incrementAndGet();
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    private static void json(Response response, Callback callback, String body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    /** A JSON body's top-level fields as form fields would carry them: text as is, objects and arrays as JSON. */
    private static void json(String text, Map<String, String> into) {
        com.google.gson.JsonParser.parseString(text).getAsJsonObject().entrySet().forEach(field -> into.put(
                field.getKey(), field.getValue().isJsonPrimitive() ? field.getValue().getAsString()
                        : field.getValue().toString()));
    }

    private static void form(String text, Map<String, String> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            into.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
    }

    /** A fixed one-second window of {@code perSecond} permits. */
    private static final class Window {
        private final int perSecond;
        private long second;
        private int used;

        Window(int perSecond) {
            this.perSecond = perSecond;
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime() / 1_000_000_000L;
            if (now != second) {
                second = now;
                used = 0;
            }
            return ++used <= perSecond;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
