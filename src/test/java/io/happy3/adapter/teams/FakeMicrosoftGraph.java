package io.happy3.adapter.teams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the two Microsoft endpoints team ownership needs: the Entra token endpoint
 * ({@code POST /{tenant}/oauth2/v2.0/token}, client credentials) and Microsoft Graph's team members
 * ({@code GET /v1.0/teams/{group}/members?$filter=(microsoft.graph.aadUserConversationMember/userId eq '…')}),
 * shaped as Microsoft documents them. Records every call.
 */
final class FakeMicrosoftGraph implements AutoCloseable {
    static final String TOKEN = "graph-app-token-1";
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern MEMBERS = Pattern.compile("/v1\\.0/teams/([^/]+)/members");
    private static final Pattern USER_FILTER = Pattern.compile("userId eq '([^']+)'");

    /** One request: method, path, decoded query and body, the Authorization header. */
    record Call(String method, String path, String query, String body, String authorization) {
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> owners = ConcurrentHashMap.newKeySet();
    private volatile int membersStatus = 200;

    FakeMicrosoftGraph() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String login() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    String graph() {
        return login() + "v1.0/";
    }

    /** Entra user {@code aadUserId} owns every team. */
    void owner(String aadUserId) {
        owners.add(aadUserId);
    }

    /** The members call answers {@code status} from now on (403: the RSC permission was not granted). */
    void membersAnswer(int status) {
        membersStatus = status;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? ""
                : URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        synchronized (this) {
            calls.add(new Call(exchange.getRequestMethod(), path, query, URLDecoder.decode(body,
                    StandardCharsets.UTF_8), authorization));
        }
        Matcher members = MEMBERS.matcher(path);
        if (TOKEN_PATH.matcher(path).matches() && body.contains("grant_type=client_credentials")) {
            answer(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + TOKEN + "\"}");
        } else if (members.matches() && !authorization.equals("Bearer " + TOKEN)) {
            answer(exchange, 401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}");
        } else if (members.matches() && membersStatus != 200) {
            answer(exchange, membersStatus, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Missing role permissions "
                    + "on the request.\"}}");
        } else if (members.matches()) {
            Matcher user = USER_FILTER.matcher(query);
            String found = "";
            if (user.find()) {
                String id = user.group(1);
                found = "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"id\":\"membership-" + id
                        + "\",\"roles\":[" + (owners.contains(id) ? "\"owner\"" : "") + "],\"displayName\":\"Person "
                        + id + "\",\"userId\":\"" + id + "\",\"tenantId\":\"" + TeamsTestBed.TENANT + "\"}";
            }
            answer(exchange, 200, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#teams('"
                    + members.group(1) + "')/members\",\"@odata.count\":" + (found.isEmpty() ? 0 : 1)
                    + ",\"value\":[" + found + "]}");
        } else {
            answer(exchange, 404, "{\"error\":{\"code\":\"NotFound\"}}");
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
