package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import io.happy3.app.EventRouter;
import io.happy3.app.Telemetry;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.inbox.InboxStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.team.AgentDirectory;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The Teams adapter, assembled: the servlet to mount at {@code /api/messages}, the {@link ChatGateway} and
 * {@link AgentDirectory} the engine needs, and the inbox handler that feeds the engine's {@link EventRouter}.
 * {@code connectorUrlOverride} replaces every Bot Connector service URL (local fakes and emulators only).
 * Build it once; call {@link #inboxHandler} once the engine exists.
 */
public final class TeamsModule {
    /** Where the Bot Framework posts activities. */
    public static final String MESSAGES_PATH = "/api/messages";

    private final TeamsAddresses addresses;
    private final TeamsAgentDirectory directory;
    private final InvokeResponses invokeResponses = new InvokeResponses();
    private final TeamsChatGateway gateway;
    private final TeamsBot bot;
    private final TeamsServlet servlet;
    private final TeamsConnector connector;
    private final Clock clock;
    private volatile Optional<IssueStore> issues = Optional.empty();

    private TeamsModule(AppConfig.Teams config, InboxStore inbox, ConversationAddressStore addressStore,
                        InstallationStore installations, Clock clock, Endpoints endpoints) {
        this.clock = requireNonNull(clock, "clock == null");
        LocaleGuard locale = new LocaleGuard();
        TeamsBotAdapter adapter = TeamsBotAdapter.create(config);
        addresses = new TeamsAddresses(addressStore);
        MicrosoftAppCredentials credentials = config.appId().isEmpty() ? MicrosoftAppCredentials.empty()
                : new MicrosoftAppCredentials(config.appId().get(), config.appPassword().map(AppConfig.Secret::value)
                .orElse(""), config.tenantId().orElse(null));
        connector = new TeamsConnector(adapter, credentials, endpoints.connector(), locale);
        TeamsRoster roster = new TeamsRoster(addresses, installations, connector, Ticker.systemTicker());
        Optional<GraphTeamOwners.Credentials> graphCredentials = endpoints.graphApp().or(() -> config.appId()
                .flatMap(id -> config.appPassword().map(secret -> new GraphTeamOwners.Credentials(id,
                        secret.value()))));
        directory = new TeamsAgentDirectory(addresses, roster, new GraphTeamOwners(graphCredentials,
                endpoints.login(), endpoints.graph(), clock, Ticker.systemTicker()));
        gateway = new TeamsChatGateway(addresses, installations, connector, invokeResponses, directory);
        bot = new TeamsBot(inbox, addresses, installations, directory, clock);
        servlet = new TeamsServlet(adapter, bot, locale, config.tenantId());
    }

    /**
     * Where the adapter reaches Microsoft: {@code connector} replaces every Bot Connector service URL (local
     * fakes and emulators only); {@code login} and {@code graph} are the Entra token endpoint's and Microsoft
     * Graph's base URLs; {@code graphApp} asks Graph as another app than the bot's own registration (local fakes
     * only: with the bot's credentials the SDK would also authenticate every Bot Connector call).
     */
    public record Endpoints(Optional<String> connector, String login, String graph,
                            Optional<GraphTeamOwners.Credentials> graphApp) {
        public Endpoints {
            requireNonNull(connector, "connector == null");
            requireNonNull(login, "login == null");
            requireNonNull(graph, "graph == null");
            requireNonNull(graphApp, "graphApp == null");
        }

        /** Microsoft's own endpoints. */
        public static Endpoints microsoft() {
            return new Endpoints(Optional.empty(), GraphTeamOwners.LOGIN, GraphTeamOwners.GRAPH, Optional.empty());
        }
    }

    public static TeamsModule create(AppConfig.Teams config, InboxStore inbox, ConversationAddressStore addresses,
                                     InstallationStore installations, Clock clock,
                                     Optional<String> connectorUrlOverride) {
        requireNonNull(connectorUrlOverride, "connectorUrlOverride == null");
        return create(config, inbox, addresses, installations, clock, new Endpoints(connectorUrlOverride,
                GraphTeamOwners.LOGIN, GraphTeamOwners.GRAPH, Optional.empty()));
    }

    public static TeamsModule create(AppConfig.Teams config, InboxStore inbox, ConversationAddressStore addresses,
                                     InstallationStore installations, Clock clock, Endpoints endpoints) {
        requireNonNull(config, "config == null");
        requireNonNull(inbox, "inbox == null");
        requireNonNull(installations, "installations == null");
        requireNonNull(endpoints, "endpoints == null");
        return new TeamsModule(config, inbox, addresses, installations, clock, endpoints);
    }

    /** Reports every Bot Connector call and its HTTP status to {@code telemetry}. */
    public TeamsModule reportTo(Telemetry telemetry) {
        connector.reportTo(telemetry);
        return this;
    }

    /** The servlets to mount, by path. */
    public Map<String, HttpServlet> servlets() {
        return Map.of(MESSAGES_PATH, servlet);
    }

    public ChatGateway gateway() {
        return gateway;
    }

    public AgentDirectory directory() {
        return directory;
    }

    /**
     * Lets nudge cards record the customer's desired result ({@link ResultForm}): a submission names its issue by
     * thread, and {@code issues} tells whose it is. Without it a press answers how to record it by command.
     */
    public TeamsModule recordResultsOn(IssueStore issueStore) {
        this.issues = Optional.of(requireNonNull(issueStore, "issueStore == null"));
        return this;
    }

    /** The handler for Teams inbox entries; also answers card buttons inline from now on. */
    public TeamsInboxHandler inboxHandler(EventRouter router) {
        Optional<ResultSubmissions> results = issues.map(store -> new ResultSubmissions(addresses, store, router,
                invokeResponses, clock));
        TeamsInboxHandler handler = new TeamsInboxHandler(router, addresses, gateway, invokeResponses, clock,
                results);
        bot.answerCardActionsWith(handler);
        return handler;
    }
}
