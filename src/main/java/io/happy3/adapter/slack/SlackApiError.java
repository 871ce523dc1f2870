package io.happy3.adapter.slack;

/** A Slack Web API call answered {@code ok:false}; {@code error} is Slack's error code ({@code not_in_channel}). */
final class SlackApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String method;
    private final String error;

    SlackApiError(String method, String error) {
        super(method + " failed: " + error);
        this.method = method;
        this.error = error;
    }

    String method() {
        return method;
    }

    String error() {
        return error;
    }
}
