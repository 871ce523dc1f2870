package io.happy3.adapter.slack;

import com.slack.api.bolt.response.Response;

/** The short JSON answers of the Slack endpoint ({@code {"error":"…"}}), never a stack trace. */
final class SlackResponses {
    private SlackResponses() {
    }

    /** {@code status} with {@code {"error":"<code>"}}; {@code code} is a fixed lower-case word, never input. */
    static Response error(int status, String code) {
        return Response.builder().statusCode(status).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body("{\"error\":\"" + code + "\"}").build();
    }
}
