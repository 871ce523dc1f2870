package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import io.happy3.app.EventRouter;
import io.happy3.app.Telemetry;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.inbox.InboxStore;
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

    private TeamsModule(AppConfig.Teams config, InboxStore inbox, ConversationAddressStore addressStore,
                        InstallationStore installations, Clock clock, Optional<String> connectorUrlOverride) {
        this.clock = requireNonNull(clock, "clock == null");
        LocaleGuard locale = new LocaleGuard();
        TeamsBotAdapter adapter = TeamsBotAdapter.create(config);
        addresses = new TeamsAddresses(addressStore);
        directory = new TeamsAgentDirectory(addresses);
        MicrosoftAppCredentials credentials = config.appId().isEmpty() ? MicrosoftAppCredentials.empty()
                : new MicrosoftAppCredentials(config.appId().get(), config.appPassword().map(AppConfig.Secret::value)
                .orElse(""), config.tenantId().orElse(null));
        connector = new TeamsConnector(adapter, credentials, connectorUrlOverride, locale);
        gateway = new TeamsChatGateway(addresses, installations, connector, invokeResponses);
        bot = new TeamsBot(inbox, addresses, installations, directory, clock);
        servlet = new TeamsServlet(adapter, bot, locale, config.tenantId());
    }

    public static TeamsModule create(AppConfig.Teams config, InboxStore inbox, ConversationAddressStore addresses,
                                     InstallationStore installations, Clock clock,
                                     Optional<String> connectorUrlOverride) {
        requireNonNull(config, "config == null");
        requireNonNull(inbox, "inbox == null");
        requireNonNull(installations, "installations == null");
        requireNonNull(connectorUrlOverride, "connectorUrlOverride == null");
        return new TeamsModule(config, inbox, addresses, installations, clock, connectorUrlOverride);
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

    /** The handler for Teams inbox entries; also answers card buttons inline from now on. */
    public TeamsInboxHandler inboxHandler(EventRouter router) {
        TeamsInboxHandler handler = new TeamsInboxHandler(router, addresses, gateway, invokeResponses, clock);
        bot.answerCardActionsWith(handler);
        return handler;
    }
}
