package io.happy3.cli;

import io.happy3.adapter.metrics.TimedServlet;
import io.happy3.adapter.slack.SlackModule;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcConversationAddressStore;
import io.happy3.adapter.storage.JdbcInstallationStore;
import io.happy3.adapter.storage.JdbcPermalinkStore;
import io.happy3.adapter.storage.JdbcRenderedNudgeStore;
import io.happy3.adapter.storage.TokenCipher;
import io.happy3.adapter.teams.TeamsModule;
import io.happy3.app.Engine;
import io.happy3.app.EventRouter;
import io.happy3.app.ListCheckIns;
import io.happy3.app.RoutingAgentDirectory;
import io.happy3.app.RoutingChatGateway;
import io.happy3.app.Telemetry;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.inbox.InboxStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.team.AgentDirectory;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat platforms {@code serve} was configured for: their gateways, directories, servlets and handlers. */
final class ServePlatforms {
    private static final Logger log = LoggerFactory.getLogger(ServePlatforms.class);

    private final JdbcInstallationStore installations;
    private final Optional<SlackModule> slack;
    private final Optional<TeamsModule> teams;
    private final Map<Platform, ChatGateway> gateways = new EnumMap<>(Platform.class);
    private final Map<Platform, AgentDirectory> directories = new EnumMap<>(Platform.class);
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();

    private ServePlatforms(JdbcInstallationStore installations, Optional<SlackModule> slack,
                           Optional<TeamsModule> teams, Telemetry telemetry) {
        this.installations = installations;
        this.slack = slack;
        this.teams = teams;
        slack.ifPresent(module -> {
            gateways.put(Platform.SLACK, module.gateway());
            directories.put(Platform.SLACK, module.directory());
            module.servlets().forEach((path, servlet) -> servlets.put(path, path.equals("/slack/events")
                    ? new TimedServlet(servlet, telemetry, Platform.SLACK) : servlet));
        });
        teams.ifPresent(module -> {
            gateways.put(Platform.TEAMS, module.gateway());
            directories.put(Platform.TEAMS, module.directory());
            servlets.putAll(module.servlets());
        });
    }

    /** Builds the configured platforms' adapters, all writing into {@code inbox}; none queries the database yet. */
    static ServePlatforms create(AppConfig config, InboxStore inbox, Database database, Engine.Stores stores,
                                 Clock clock, Telemetry telemetry) {
        JdbcInstallationStore installations = new JdbcInstallationStore(database, TokenCipher.of(
                config.encryption().key().map(AppConfig.Secret::value),
                config.encryption().previous().map(AppConfig.Secret::value)));
        JdbcConversationAddressStore addresses = new JdbcConversationAddressStore(database);
        Optional<SlackModule> slack = config.slack().map(settings -> SlackModule.create(settings, inbox,
                installations, stores.issues(), stores.nudges(), new JdbcRenderedNudgeStore(database), clock)
                .showCustomers(stores.customerNotes(), stores.desiredResults())
                .keepPermalinksIn(new JdbcPermalinkStore(database)).reportTo(telemetry));
        Optional<TeamsModule> teams = config.teams().map(settings -> TeamsModule.create(settings, inbox,
                addresses, installations, clock, Optional.empty()).recordResultsOn(stores.issues())
                .reportTo(telemetry));
        return new ServePlatforms(installations, slack, teams, telemetry);
    }

    /** Re-encrypts stored bot tokens under the current key (after a key rotation); needs the migrated schema. */
    void reencryptTokens() {
        int rewrapped = installations.reencrypt();
        if (rewrapped > 0) {
            log.info("re-encrypted {} stored bot token(s) under the current HAPPY3_ENCRYPTION_KEY", rewrapped);
        }
    }

    ChatGateway gateway() {
        return new RoutingChatGateway(gateways);
    }

    AgentDirectory directory() {
        return new RoutingAgentDirectory(directories);
    }

    /** The platforms' servlets by path; the caller may add its own (the sandbox at "/"). */
    Map<String, HttpServlet> servlets() {
        return new LinkedHashMap<>(servlets);
    }

    /** Connects Slack's Socket Mode when configured (SLACK_APP_TOKEN); closing it disconnects. */
    AutoCloseable startSocketMode() {
        return slack.map(SlackModule::start).orElse(() -> { });
    }

    /** Lets Slack's App Home show each agent's check-in list for the week. */
    void showCheckIns(ListCheckIns checkIns) {
        slack.ifPresent(module -> module.showCheckIns(checkIns::homeSection));
    }

    /** One inbox handler per platform, routing into the engine. */
    List<InboxHandler> handlers(EventRouter router) {
        List<InboxHandler> handlers = new ArrayList<>();
        slack.ifPresent(module -> handlers.add(module.inboxHandler(router)));
        teams.ifPresent(module -> handlers.add(module.inboxHandler(router)));
        return handlers;
    }
}
