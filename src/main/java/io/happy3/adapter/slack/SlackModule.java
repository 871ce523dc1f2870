package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackOAuthAppServlet;
import io.happy3.app.EventRouter;
import io.happy3.app.ListCheckIns;
import io.happy3.app.Telemetry;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.PermalinkStore;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.inbox.InboxStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.nudge.RenderedNudgeStore;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.time.Backoff;
import io.happy3.domain.time.RetryPolicy;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Slack adapter's one entry point for {@code Main}: builds the Web API client (pointed at
 * {@code HAPPY3_SLACK_API_URL}), the gateway, the directory, the endpoints to mount, and — once the engine
 * exists — the inbox handler. Single-workspace with a bot token, or multi-workspace with OAuth.
 */
public final class SlackModule {
    /** Slack's own events are a few KB; a megabyte leaves room for long messages with blocks. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Three attempts 200 ms and 400 ms apart; a Retry-After over 10 s goes back to the durable retry. */
    private static final RetryPolicy RETRY = new RetryPolicy(3, new Backoff(Duration.ofMillis(200),
            Duration.ofSeconds(10)), Duration.ofSeconds(10));
    /** The longest one Web API call may take, connection to last byte. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final SlackWebApi api;
    private final SlackChatGateway gateway;
    private final SlackAgentDirectory directory;
    private final SlackBotIdentity bot;
    private final Map<String, HttpServlet> servlets;
    private final SlackListeners listeners;
    private final Optional<SlackSocketMode> socketMode;
    private final SlackFormSubmissions forms;

    private SlackModule(SlackWebApi api, Map<String, HttpServlet> servlets, InstallationStore installations,
                        IssueStore issues, NudgeStore nudges, RenderedNudgeStore rendered, SlackListeners listeners,
                        Optional<SlackSocketMode> socketMode, SlackCustomerForms forms) {
        this.api = api;
        this.forms = new SlackFormSubmissions(issues, forms);
        this.socketMode = socketMode;
        this.listeners = listeners;
        this.servlets = Map.copyOf(servlets);
        this.gateway = new SlackChatGateway(api, nudges, issues, rendered);
        this.directory = new SlackAgentDirectory(api, installations);
        this.bot = new SlackBotIdentity(api, installations);
    }

    /** Reports Slack Web API calls and rate limits to {@code telemetry} (for {@code /metrics}). */
    public SlackModule reportTo(Telemetry telemetry) {
        api.reportTo(telemetry);
        return this;
    }

    /** Builds the adapter; nothing is called on Slack until the first event or nudge. */
    public static SlackModule create(AppConfig.Slack config, InboxStore inbox, InstallationStore installations,
                                     IssueStore issues, NudgeStore nudges, RenderedNudgeStore rendered, Clock clock) {
        return create(config, inbox, installations, issues, nudges, rendered, clock, MAX_BODY_BYTES,
                duration -> Thread.sleep(duration.toMillis()), CALL_TIMEOUT);
    }

    static SlackModule create(AppConfig.Slack config, InboxStore inbox, InstallationStore installations,
                              IssueStore issues, NudgeStore nudges, RenderedNudgeStore rendered, Clock clock,
                              int maxBodyBytes,
                              SlackWebApi.Sleeper sleeper, Duration callTimeout) {
        requireNonNull(config, "config == null");
        SlackConfig slackConfig = new SlackConfig();
        // A Web API call that hangs must not hold a nudge (or the scheduler) for long: it fails and is retried.
        slackConfig.setHttpClientCallTimeoutMillis((int) callTimeout.toMillis());
        slackConfig.setHttpClientReadTimeoutMillis((int) callTimeout.toMillis());
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
        slackConfig.setStatsEnabled(false);
        slackConfig.setPrettyResponseLoggingEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);
        SlackTokenRotation rotation = new SlackTokenRotation(slack, installations, config.clientId(),
                config.clientSecret().map(AppConfig.Secret::value), clock);
        SlackWebApi api = new SlackWebApi(slack, config.botToken().map(AppConfig.Secret::value), installations,
                rotation, sleeper, RETRY);
        SlackListeners listeners = new SlackListeners();
        SlackCustomerForms forms = new SlackCustomerForms(api, clock);
        forms.registerOn(listeners);
        Optional<SlackInstallFlow> oauth = config.clientId().flatMap(id -> config.clientSecret()
                .map(secret -> new SlackInstallFlow(id, secret.value(), installations, clock)));
        SlackIngest ingest = new SlackIngest(inbox, clock);
        App app = SlackBoltApp.create(slack, ingest, listeners, oauth);
        Map<String, HttpServlet> servlets = endpoints(config, app, ingest, oauth.isPresent(), clock, maxBodyBytes);
        Optional<SlackSocketMode> socketMode = config.appToken()
                .map(token -> new SlackSocketMode(token.value(), app));
        return new SlackModule(api, servlets, installations, issues, nudges, rendered, listeners, socketMode, forms);
    }

    /**
     * Connects over Socket Mode when {@code SLACK_APP_TOKEN} is set (nothing to do over HTTP); the
     * returned handle closes the connection.
     */
    public AutoCloseable start() {
        socketMode.ifPresent(SlackSocketMode::start);
        return () -> socketMode.ifPresent(SlackSocketMode::close);
    }

    /**
     * Lets the App Home show a card per open issue: the customer, the result they need, the latest notes
     * (without, the cards show the customer only).
     */
    public SlackModule showCustomers(CustomerNoteStore notes, DesiredResultStore results) {
        gateway.showCustomers(new SlackCustomerCards(notes, results));
        return this;
    }

    /** Keeps the links {@code chat.getPermalink} gives in {@code store}: asked once per message, on any replica. */
    public SlackModule keepPermalinksIn(PermalinkStore store) {
        gateway.keepPermalinksIn(store);
        return this;
    }

    /** Lets the App Home show the agent's check-in list for the week (without, it has no check-in section). */
    public SlackModule showCheckIns(Function<UserRef, Optional<ListCheckIns.Section>> checkIns) {
        gateway.showCheckIns(checkIns);
        return this;
    }

    /** Replaces Socket Mode's reconnect pauses and watchdog interval (tests); nothing to do over HTTP. */
    SlackModule reconnectWith(SocketBackoff backoff, Duration checkEvery) {
        socketMode.ifPresent(mode -> mode.reconnectWith(backoff, checkEvery));
        return this;
    }

    /** The Bolt listeners: a feature that answers inside the ack registers here (see docs/slack.md). */
    public SlackListeners listeners() {
        return listeners;
    }

    /** {@code /slack/events} unless only Socket Mode is configured; the install pages with OAuth. */
    private static Map<String, HttpServlet> endpoints(AppConfig.Slack config, App app, SlackIngest ingest,
                                                      boolean oauth, Clock clock, int maxBodyBytes) {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        if (!config.signingSecret().value().isEmpty()) {
            servlets.put("/slack/events", new SlackEventsServlet(
                    new SlackSignatureVerifier(config.signingSecret().value(), clock), app, ingest, maxBodyBytes));
        }
        if (oauth) {
            SlackOAuthAppServlet install = new SlackOAuthAppServlet(app);
            servlets.put("/slack/install", install);
            servlets.put("/slack/oauth_redirect", install);
        }
        return servlets;
    }

    /** Path → servlet, for the HTTP server to mount. */
    public Map<String, HttpServlet> servlets() {
        return servlets;
    }

    public ChatGateway gateway() {
        return gateway;
    }

    /** The same gateway with its Slack-only operations (App Home), for this package's handler and tests. */
    SlackChatGateway slackGateway() {
        return gateway;
    }

    SlackBotIdentity bot() {
        return bot;
    }

    public AgentDirectory directory() {
        return directory;
    }

    /** The handler the inbox worker calls for Slack entries; needs the engine's router. */
    public InboxHandler inboxHandler(EventRouter router) {
        requireNonNull(router, "router == null");
        return inboxHandler(router::route);
    }

    /** The same handler routing to {@code router} (tests record the events). */
    SlackInboxHandler inboxHandler(java.util.function.Consumer<io.happy3.domain.chat.ChatEvent> router) {
        return new SlackInboxHandler(router, gateway, bot, forms);
    }
}
