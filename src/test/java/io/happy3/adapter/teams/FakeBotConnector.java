package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the Bot Connector REST API ({@code /v3/conversations…}): creates conversations, accepts and
 * updates activities, answers member look-ups, and records every call for the test to inspect. A test may make
 * the next calls fail with a status (429 with {@code Retry-After}, for instance).
 */
final class FakeBotConnector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTIVITY = Pattern.compile("/v3/conversations/([^/]+)/activities(?:/([^/]+))?");
    private static final Pattern MEMBER = Pattern.compile("/v3/conversations/([^/]+)/members/([^/]+)");

    /** One request the bot made. */
    record Call(String method, String path, JsonNode body) {
        String conversationId() {
            Matcher matcher = ACTIVITY.matcher(path);
            return matcher.matches() ? java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : "";
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger conversations = new AtomicInteger();
    private final AtomicInteger activities = new AtomicInteger();
    private volatile int failWith;
    private volatile int failuresLeft;

    FakeBotConnector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(call -> call.method().equals(method) && call.path().startsWith(pathPrefix))
                .toList();
    }

    synchronized void clear() {
        calls.clear();
    }

    void failNext(int status, int times) {
        failWith = status;
        failuresLeft = times;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        synchronized (this) {
            calls.add(new Call(method, path, body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body)));
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            exchange.getResponseHeaders().add("Retry-After", "7");
            answer(exchange, failWith, "{\"error\":{\"code\":\"Throttled\",\"message\":\"slow down\"}}");
            return;
        }
        Matcher activity = ACTIVITY.matcher(path);
        Matcher member = MEMBER.matcher(path);
        if (method.equals("POST") && path.equals("/v3/conversations")) {
            int number = conversations.incrementAndGet();
            answer(exchange, 201, "{\"id\":\"a:created-" + number + "\",\"activityId\":\"created-activity-" + number
                    + "\"}");
        } else if (activity.matches() && method.equals("PUT")) {
            answer(exchange, 200, "{\"id\":\"" + activity.group(2) + "\"}");
        } else if (activity.matches() && method.equals("POST")) {
            answer(exchange, 201, "{\"id\":\"fake-activity-" + activities.incrementAndGet() + "\"}");
        } else if (member.matches() && method.equals("GET")) {
            String user = java.net.URLDecoder.decode(member.group(2), StandardCharsets.UTF_8);
            answer(exchange, 200, "{\"id\":\"" + user + "\",\"name\":\"Member " + user + "\"}");
        } else {
            answer(exchange, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such route\"}}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
