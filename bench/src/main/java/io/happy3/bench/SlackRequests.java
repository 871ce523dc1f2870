package io.happy3.bench;

import io.happy3.bench.LoadGenerator.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Slack requests the bench sends, shaped as Slack sends them (see /work/shared/reference): an
 * Events API {@code message} or {@code reaction_added} callback, a slash command form, and a
 * {@code block_actions} interaction (a button press on a nudge). All go to {@code /slack/events}.
 */
final class SlackRequests {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final String responseUrl;

    /** {@code responseUrl}: where Slack's {@code response_url} points (the fake's {@code /commands/}). */
    SlackRequests(FakeSlack slack) {
        this.responseUrl = slack.apiUrl().replace("/api/", "/commands/");
    }

    /** A message event; {@code threadTs} null for a top-level message. */
    static Request message(String eventId, String channel, String user, String text, String ts, String threadTs) {
        String thread = threadTs == null ? "" : "\"thread_ts\":\"" + threadTs + "\",";
        return event(eventId, ts, "{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"" + user
                + "\",\"text\":\"" + text + "\",\"ts\":\"" + ts + "\"," + thread + "\"event_ts\":\"" + ts
                + "\",\"channel_type\":\"channel\"}");
    }

    /** A {@code reaction_added} event on the message {@code itemTs}. */
    static Request reaction(String eventId, String channel, String user, String reaction, String itemTs, String ts) {
        return event(eventId, ts, "{\"type\":\"reaction_added\",\"user\":\"" + user + "\",\"reaction\":\"" + reaction
                + "\",\"item\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"ts\":\"" + itemTs
                + "\"},\"event_ts\":\"" + ts + "\"}");
    }

    private static Request event(String eventId, String ts, String event) {
        long seconds = Long.parseLong(ts.substring(0, ts.indexOf('.')));
        return Request.json("/slack/events", "{\"token\":\"bench\",\"team_id\":\"" + FakeSlack.TEAM
                + "\",\"api_app_id\":\"A0BENCH\",\"event\":" + event + ",\"type\":\"event_callback\","
                + "\"authorizations\":[{\"team_id\":\"" + FakeSlack.TEAM + "\",\"user_id\":\"U0HAPPY3\","
                + "\"is_bot\":true,\"is_enterprise_install\":false}],\"event_id\":\"" + eventId
                + "\",\"event_time\":" + seconds + "}");
    }

    /** A slash command ({@code /happy3}, {@code /review}, …) run by {@code user} in {@code channel}. */
    Request command(String trigger, String channel, String user, String command, String text) {
        return form("token=bench&team_id=" + FakeSlack.TEAM + "&team_domain=bench&channel_id=" + channel
                + "&channel_name=bench&user_id=" + user + "&user_name=" + user.toLowerCase() + "&command="
                + encode(command) + "&text=" + encode(text) + "&response_url=" + encode(responseUrl + trigger)
                + "&trigger_id=" + trigger + "&api_app_id=A0BENCH");
    }

    /** {@code user} presses the button {@code action} of nudge {@code nudgeId} about the thread {@code root}. */
    Request button(String trigger, String user, String nudgeId, String channel, String root, String action,
                   String actionTs) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + user + "\",\"team_id\":\""
                + FakeSlack.TEAM + "\"},\"team\":{\"id\":\"" + FakeSlack.TEAM + "\"},\"api_app_id\":\"A0BENCH\","
                + "\"trigger_id\":\"" + trigger + "\",\"response_url\":\"" + responseUrl + trigger + "\","
                + "\"actions\":[{\"type\":\"button\",\"action_id\":\"" + action + "\",\"block_id\":\"nudge:" + nudgeId
                + ":" + channel + ":" + root + "\",\"value\":\"" + nudgeId + "\",\"action_ts\":\"" + actionTs + "\"}]}";
        return form("payload=" + encode(payload));
    }

    private static Request form(String body) {
        return new Request("/slack/events", FORM, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
