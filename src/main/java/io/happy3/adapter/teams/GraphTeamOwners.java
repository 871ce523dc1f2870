package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a person owns a team, per Microsoft Graph ({@code GET /teams/{group}/members} filtered by the person's
 * Entra object id; an owner's {@code roles} contain {@code "owner"}). The bot's own app registration asks the
 * team's tenant for an app-only token (client credentials); the team owner grants the resource-specific
 * permission {@code TeamMember.Read.Group} when adding the app. Answers are cached for five minutes, so a demoted
 * owner loses the right soon; any failure answers "not an owner" and says why in the log. Thread-safe.
 */
final class GraphTeamOwners {
    static final String LOGIN = "https://login.microsoftonline.com/";
    static final String GRAPH = "https://graph.microsoft.com/v1.0/";
    static final String PERMISSION = "TeamMember.Read.Group";
    private static final Logger log = LoggerFactory.getLogger(GraphTeamOwners.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<Credentials> credentials;
    private final String login;
    private final String graph;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> owners;

    /** The bot's app registration: what asks Microsoft Graph. */
    record Credentials(String appId, String secret) {
        @Override
        public String toString() {
            return "Credentials[" + appId + "]";
        }
    }

    private record Token(String value, Instant expiresAt) {
    }

    GraphTeamOwners(Optional<Credentials> credentials, String login, String graph, Clock clock, Ticker ticker) {
        this.credentials = requireNonNull(credentials, "credentials == null");
        this.login = slash(requireNonNull(login, "login == null"));
        this.graph = slash(requireNonNull(graph, "graph == null"));
        this.clock = requireNonNull(clock, "clock == null");
        this.owners = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5))
                .ticker(ticker).build();
        if (credentials.isEmpty()) {
            log.warn("Teams team owners cannot be recognised without MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD: "
                    + "only a channel's leads may change how it is coached");
        }
    }

    /** Whether owners can be told at all (the bot has credentials to ask Graph with). */
    boolean enabled() {
        return credentials.isPresent();
    }

    /** True when Entra user {@code aadUserId} owns the team that is Entra group {@code groupId}. */
    boolean owns(String tenant, String groupId, String aadUserId) {
        if (credentials.isEmpty()) {
            return false;
        }
        return owners.get(tenant + "|" + groupId + "|" + aadUserId, key -> askGraph(tenant, groupId, aadUserId));
    }

    private boolean askGraph(String tenant, String groupId, String aadUserId) {
        try {
            String filter = "(microsoft.graph.aadUserConversationMember/userId eq '" + aadUserId.replace("'", "''")
                    + "')";
            HttpRequest request = HttpRequest.newBuilder(URI.create(graph + "teams/" + encode(groupId)
                            + "/members?$filter=" + encode(filter))).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token(tenant)).GET().build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() == 403) {
                log.warn("Microsoft Graph refused to list the members of team {} (403): the team owner must grant "
                        + "Happy3 the permission {} (remove and add the app again, accepting the consent)", groupId,
                        PERMISSION);
                return false;
            }
            if (response.statusCode() != 200) {
                log.warn("Microsoft Graph answered {} to the members of team {}", response.statusCode(), groupId);
                return false;
            }
            for (JsonNode member : Serialization.jsonToTree(response.body()).path("value")) {
                for (JsonNode role : member.path("roles")) {
                    if ("owner".equalsIgnoreCase(role.asText())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot ask Microsoft Graph who owns team {}: {}", groupId, e.toString());
            return false;
        }
    }

    /** An app-only token from the team's tenant, reused until a minute before it expires. */
    private String token(String tenant) throws IOException {
        Token cached = tokens.get(tenant);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.value();
        }
        Credentials app = credentials.orElseThrow();
        String form = "client_id=" + encode(app.appId()) + "&client_secret=" + encode(app.secret())
                + "&scope=" + encode("https://graph.microsoft.com/.default") + "&grant_type=client_credentials";
        HttpRequest request = HttpRequest.newBuilder(URI.create(login + encode(tenant) + "/oauth2/v2.0/token"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IOException("the token endpoint of tenant " + tenant + " answered " + response.statusCode()
                    + " (check MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD)");
        }
        JsonNode body = Serialization.jsonToTree(response.body());
        String value = body.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new IOException("the token endpoint of tenant " + tenant + " gave no access_token");
        }
        long seconds = body.path("expires_in").asLong(3600);
        Token token = new Token(value, now.plusSeconds(Math.max(0, seconds - 60)));
        tokens.put(tenant, token);
        return token.value();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
