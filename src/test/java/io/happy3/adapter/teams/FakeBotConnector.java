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
    private static final Pattern TEAM = Pattern.compile("/v3/teams/([^/]+)(/conversations)?");

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
    private final java.util.Map<String, String> members = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> teams = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> teamChannels = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** The roster answer for {@code GET /v3/conversations/…/members/{id}} (TeamsInfo.getMember). */
    void member(String id, String name, String aadObjectId) {
        members.put(id, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"aadObjectId\":\"" + aadObjectId
                + "\",\"userRole\":\"user\",\"tenantId\":\"" + TeamsTestBed.TENANT + "\"}");
    }

    /** The answers for {@code GET /v3/teams/{id}} and {@code /v3/teams/{id}/conversations} (team details, channels). */
    void team(String id, String name, String aadGroupId, java.util.Map<String, String> channels) {
        teams.put(id, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"aadGroupId\":\"" + aadGroupId + "\"}");
        StringBuilder list = new StringBuilder("{\"conversations\":[");
        channels.forEach((channel, channelName) -> list.append(list.charAt(list.length() - 1) == '[' ? "" : ",")
                .append("{\"id\":\"").append(channel).append("\"").append(channelName == null ? ""
                        : ",\"name\":\"" + channelName + "\"").append("}"));
        teamChannels.put(id, list.append("]}").toString());
    }

    /** The next {@code times} Bot Connector conversation calls (sends, creates, updates) fail with {@code status}. */
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
        if (failuresLeft > 0 && path.startsWith("/v3/conversations")) {
            failuresLeft--;
            exchange.getResponseHeaders().add("Retry-After", "7");
            answer(exchange, failWith, "{\"error\":{\"code\":\"Throttled\",\"message\":\"slow down\"}}");
            return;
        }
        Matcher activity = ACTIVITY.matcher(path);
        Matcher member = MEMBER.matcher(path);
        Matcher team = TEAM.matcher(path);
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
            String known = members.get(user);
            if (known == null) {
                answer(exchange, 404, "{\"error\":{\"code\":\"MemberNotFoundInConversation\"}}");
            } else {
                answer(exchange, 200, known);
            }
        } else if (team.matches() && method.equals("GET")) {
            String id = java.net.URLDecoder.decode(team.group(1), StandardCharsets.UTF_8);
            String found = team.group(2) == null ? teams.get(id) : teamChannels.get(id);
            answer(exchange, found == null ? 404 : 200, found == null
                    ? "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such team\"}}" : found);
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
