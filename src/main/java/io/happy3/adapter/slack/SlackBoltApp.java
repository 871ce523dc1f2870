package io.happy3.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the one Bolt {@link App} that serves HTTP ({@link SlackEventsServlet}) and Socket Mode alike.
 * Its middleware is chosen here instead of Bolt's defaults: {@code ssl_check}, then {@link SlackIngest}.
 * Left out on purpose: Bolt's request verification (replaced by {@link SlackSignatureVerifier} over the raw
 * bytes, before Bolt), its authorization middleware (an {@code auth.test} or installation lookup on every
 * request would put a Web API call or a second query in front of the durable ack; tokens are looked up
 * when the inbox worker sends) and its self-event filter (the inbox handler drops the bot's own messages).
 */
final class SlackBoltApp {
    private SlackBoltApp() {
    }

    /** An app whose listeners are {@code listeners}; with {@code oauth}, Bolt's install flow as well. */
    static App create(Slack slack, SlackIngest ingest, SlackListeners listeners, Optional<SlackInstallFlow> oauth) {
        AppConfig.AppConfigBuilder builder = AppConfig.builder().slack(slack).singleTeamBotToken(null).clientId(null)
                .clientSecret(null).signingSecret(null).requestVerificationEnabled(false)
                .ignoringSelfEventsEnabled(false).allEventsApiAutoAckEnabled(true);
        AppConfig config = oauth.map(flow -> flow.configure(builder)).orElse(builder).build();
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(new SSLCheck(null));
        middleware.add(ingest);
        App app = new App(config, slack, middleware);
        oauth.ifPresent(flow -> flow.install(app));
        listeners.registerOn(app);
        return app;
    }
}
