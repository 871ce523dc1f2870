package io.happy3.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A Web API answer read with Jackson. The SDK's typed methods build a new Gson, with all its type adapters, for
 * every response they parse: on the scheduler's hot calls ({@code chat.postMessage}, {@code chat.postEphemeral},
 * {@code conversations.open}, {@code views.publish}) that was half of each call's CPU (BENCHMARKS.md). The
 * request still goes through the SDK's client (its form, token and HTTP settings). Immutable apart from the
 * headers the interface lets the SDK set.
 */
final class SlackAnswer implements SlackApiTextResponse {
    private static final MediaType JSON_UTF8 = MediaType.get("application/json; charset=utf-8");
    private final JsonNode body;
    private Map<String, List<String>> headers = Map.of();

    private SlackAnswer(JsonNode body) {
        this.body = body;
    }

    /**
     * Posts {@code form} to {@code method} with {@code token}; an HTTP status other than 2xx throws
     * {@link SlackApiException} (429 with its {@code Retry-After}), as the SDK's typed methods do.
     */
    static SlackAnswer post(MethodsClient methods, String method, String token, FormBody.Builder form)
            throws IOException, SlackApiException {
        try (Response response = methods.runPostFormWithToken(form, method, token)) {
            return read(response);
        }
    }

    /**
     * Posts {@code json} to {@code method} as an {@code application/json} body with {@code token} as the bearer
     * (Slack's write methods take either; a JSON body skips the form's per-character encoding of the blocks),
     * with the SDK's HTTP client and endpoint; statuses as {@link #post}.
     */
    static SlackAnswer postJson(Slack slack, String method, String token, byte[] json)
            throws IOException, SlackApiException {
        Request request = new Request.Builder().url(slack.getConfig().getMethodsEndpointUrlPrefix() + method)
                .header("Authorization", "Bearer " + token).post(RequestBody.create(json, JSON_UTF8)).build();
        try (Response response = slack.getHttpClient().getOkHttpClient().newCall(request).execute()) {
            return read(response);
        }
    }

    private static SlackAnswer read(Response response) throws IOException, SlackApiException {
        ResponseBody responseBody = response.body();
        String text = responseBody == null ? "" : responseBody.string();
        if (!response.isSuccessful()) {
            throw new SlackApiException(response, text);
        }
        SlackAnswer answer = new SlackAnswer(SlackPayload.JSON.readTree(text.isEmpty() ? "{}" : text));
        answer.headers = response.headers().toMultimap();
        return answer;
    }

    /** A field of the answer ({@code channel}, {@code ts}...); missing fields are missing nodes. */
    JsonNode path(String field) {
        return body.path(field);
    }

    @Override
    public boolean isOk() {
        return body.path("ok").asBoolean(false);
    }

    @Override
    public void setOk(boolean ok) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public String getWarning() {
        return text("warning");
    }

    @Override
    public void setWarning(String warning) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public String getError() {
        return text("error");
    }

    @Override
    public void setError(String error) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public String getNeeded() {
        return text("needed");
    }

    @Override
    public void setNeeded(String needed) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public String getProvided() {
        return text("provided");
    }

    @Override
    public void setProvided(String provided) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public Map<String, List<String>> getHttpResponseHeaders() {
        return headers;
    }

    @Override
    public void setHttpResponseHeaders(Map<String, List<String>> httpResponseHeaders) {
        this.headers = httpResponseHeaders == null ? Map.of() : Map.copyOf(httpResponseHeaders);
    }

    private String text(String field) {
        JsonNode node = body.path(field);
        return node.isTextual() ? node.asText() : null;
    }
}
