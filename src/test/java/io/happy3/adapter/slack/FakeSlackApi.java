package io.happy3.adapter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local fake of the Slack Web API (and of response_url / file upload URLs): records every call and
 * answers with JSON shaped like Slack's own responses. It can answer one call with HTTP 429 and
 * {@code Retry-After}, or with an {@code ok:false} error.
 */
final class FakeSlackApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the fake received: the API method (or path), its form fields, and the raw body. */
    record Call(String method, Map<String, String> params, String body) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<String>> failures = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> rateLimits = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> statuses = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> stalls = new ConcurrentHashMap<>();
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";
    private final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();

    FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The base URL; the Web API lives under {@code /api/}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String apiUrl() {
        return url() + "/api/";
    }

    /** What {@code apps.connections.open} answers: the fake Socket Mode server's URL. */
    void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    /** The next call to {@code method} answers HTTP 429 with {@code Retry-After: seconds}. */
    void rateLimitNext(String method, int seconds) {
        rateLimits.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>()).add(seconds);
    }

    /** The next call to {@code method} answers with HTTP {@code status} (a 500 from Slack's side). */
    void answerNextWith(String method, int status) {
        statuses.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>()).add(status);
    }

    /** The next call to {@code method} is held for {@code millis} before it is answered (a timeout). */
    void stallNext(String method, long millis) {
        stalls.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>()).add(millis);
    }

    /** The next call to {@code method} answers {@code {"ok":false,"error":error}}. */
    void failNext(String method, String error) {
        failures.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>()).add(error);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    void reset() {
        calls.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = path.startsWith("/api/") ? path.substring(5) : path;
            Map<String, String> params = new LinkedHashMap<>(form(exchange.getRequestURI().getRawQuery()));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                params.putAll(form(body));
            } else if (type != null && type.startsWith("application/json") && path.startsWith("/api/")) {
                params.putAll(jsonFields(body)); // Slack's write methods take a JSON body with a bearer token too
            }
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            if (bearer != null && bearer.startsWith("Bearer ")) {
                params.putIfAbsent("token", bearer.substring(7)); // Slack takes it either way; tests see which
            } else if (bearer != null && bearer.startsWith("Basic ")) {
                String pair = new String(java.util.Base64.getDecoder().decode(bearer.substring(6)),
                        StandardCharsets.UTF_8);
                params.putIfAbsent("client_id", pair.substring(0, Math.max(0, pair.indexOf(':'))));
            }
            calls.add(new Call(method, params, body));
            Long stall = poll(stalls, method);
            if (stall != null) {
                try {
                    Thread.sleep(stall);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = poll(statuses, method);
            if (status != null) {
                respond(exchange, status, "<html>upstream error</html>");
                return;
            }
            Integer retryAfter = poll(rateLimits, method);
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfter));
                respond(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                return;
            }
            String error = poll(failures, method);
            if (error == null && type != null && type.startsWith("application/json") && path.startsWith("/api/")
                    && (bearer == null || !bearer.startsWith("Bearer "))) {
                error = "not_authed"; // as Slack: a JSON body carries no token, so it must come as the bearer
            }
            if (error != null) {
                respond(exchange, 200, "{\"ok\":false,\"error\":\"" + error + "\"}");
                return;
            }
            respond(exchange, 200, answer(method, params));
        }
    }

    private static <T> T poll(Map<String, ConcurrentLinkedQueue<T>> queues, String method) {
        ConcurrentLinkedQueue<T> queue = queues.get(method);
        return queue == null ? null : queue.poll();
    }

    private String answer(String method, Map<String, String> params) {
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "chat.postEphemeral" -> ok.put("message_ts", "1700000000.000100");
            case "chat.postMessage" -> {
                ok.put("channel", params.get("channel")).put("ts", "1700000000.000200");
                ok.putObject("message").put("type", "message").put("text", params.get("text"))
                        .put("bot_id", "B0HAPPY3").put("ts", "1700000000.000200");
            }
            case "conversations.open" -> ok.putObject("channel").put("id", "D" + params.get("users"));
            case "views.publish" -> ok.putObject("view").put("id", "V0HOME").put("type", "home");
            case "auth.test" -> ok.put("url", "https://example.slack.com/").put("team", "Example")
                    .put("user", "happy3").put("team_id", "T123ABC456").put("user_id", "U0HAPPY3")
                    .put("bot_id", "B0HAPPY3");
            case "users.info" -> {
                // U0EXT… are Slack Connect customers from Northwind's own Slack (team T0NORTHWIND).
                ObjectNode user = ok.putObject("user").put("id", params.get("user"))
                        .put("team_id", params.get("user").startsWith("U0EXT") ? "T0NORTHWIND" : "T123ABC456")
                        .put("name", params.get("user").toLowerCase()).put("real_name", "Real " + params.get("user"))
                        .put("tz", "Europe/Berlin").put("tz_offset", 3600)
                        // In the fake workspace U0AGENT1 (the harness's command user) and U0ADMIN… are admins.
                        .put("is_admin", params.get("user").equals("U0AGENT1") || params.get("user").startsWith("U0ADMIN"))
                        .put("is_owner", false).put("is_primary_owner", false);
                user.putObject("profile").put("display_name", "Name " + params.get("user"));
            }
            case "apps.connections.open" -> ok.put("url", socketModeUrl);
            case "team.info" -> {
                if (!"T0NORTHWIND".equals(params.get("team"))) {
                    return JSON.createObjectNode().put("ok", false).put("error", "team_not_found").toString();
                }
                ok.putObject("team").put("id", "T0NORTHWIND").put("name", "Northwind").put("domain", "northwind");
            }
            case "chat.getPermalink" -> ok.put("channel", params.get("channel")).put("permalink",
                    "https://example.slack.com/archives/" + params.get("channel") + "/p"
                            + params.getOrDefault("message_ts", "").replace(".", ""));
            case "usergroups.users.list" -> ok.putArray("users").add("U0AGENT1").add("U0AGENT2");
            case "files.getUploadURLExternal" -> ok.put("upload_url", url() + "/upload/F0CHART")
                    .put("file_id", "F0CHART");
            case "files.completeUploadExternal" -> ok.putArray("files").addObject().put("id", "F0CHART")
                    .put("title", "chart.png");
            case "oauth.v2.access" -> {
                if ("refresh_token".equals(params.get("grant_type"))) {
                    int turn = refreshes.incrementAndGet();
                    ok.put("access_token", "xoxe.xoxb-rotated-" + turn).put("refresh_token", "xoxe-1-refresh-" + turn)
                            .put("expires_in", 43_200).put("token_type", "bot");
                    ok.putObject("team").put("id", "T0OTHER");
                    return ok.toString();
                }
                ok.put("access_token", "xoxb-installed").put("token_type", "bot").put("scope", "chat:write")
                        .put("bot_user_id", "U0BOT2").put("app_id", "A0HAPPY3");
                ok.putObject("team").put("id", "T0OTHER").put("name", "Other Org");
                ok.putObject("authed_user").put("id", "U0INSTALLER");
            }
            default -> {
                return method.startsWith("/upload/") ? "OK" : method.startsWith("/") ? "ok" : ok.toString();
            }
        }
        return ok.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A JSON body's top-level fields as form fields would carry them: text as is, objects and arrays as JSON. */
    private static Map<String, String> jsonFields(String text) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        JSON.readTree(text).fields().forEachRemaining(field -> fields.put(field.getKey(),
                field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
        return fields;
    }

    private static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    /** Every method name called, in order (for assertion messages). */
    List<String> methods() {
        List<String> names = new ArrayList<>();
        calls.forEach(call -> names.add(call.method()));
        return names;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
