package io.happy3.cli;

import io.happy3.adapter.chart.TrendChart;
import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.playbook.PlaybookFolder;
import io.happy3.adapter.scheduler.GuardedTicker;
import io.happy3.adapter.scheduler.InboxWorker;
import io.happy3.adapter.teams.TeamsModule;
import io.happy3.adapter.storage.CachedAgentPreferenceStore;
import io.happy3.adapter.storage.CachedChannelSettingsStore;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcAgentPreferenceStore;
import io.happy3.adapter.storage.JdbcChannelSettingsStore;
import io.happy3.adapter.storage.JdbcConversationAddressStore;
import io.happy3.adapter.storage.JdbcInboxStore;
import io.happy3.adapter.storage.JdbcInstallationStore;
import io.happy3.adapter.storage.JdbcIssueStore;
import io.happy3.adapter.storage.JdbcNudgeStore;
import io.happy3.adapter.storage.JdbcProudMomentStore;
import io.happy3.adapter.storage.JdbcRitualLedger;
import io.happy3.adapter.storage.RetentionJob;
import io.happy3.app.Engine;
import io.happy3.app.RoutingAgentDirectory;
import io.happy3.app.RoutingChatGateway;
import io.happy3.app.RunWeeklyRituals;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.team.AgentDirectory;
import jakarta.servlet.http.HttpServlet;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code happy3 serve}: wires the configured adapters around the engine and starts the server: the
 * durable inbox and its workers, the scheduler ticker (nudges, rituals, stale sweep, retention), and the
 * HTTP endpoints. Composition only; no behaviour of its own.
 */
public final class Serve {
    private static final Logger log = LoggerFactory.getLogger(Serve.class);

    private Serve() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: happy3 serve [--print-config]

                    Runs the bot server. Configuration comes from environment variables (README,
                    "Configuration"). --print-config prints the effective configuration, secrets masked.""");
            return 0;
        }
        AppConfig config = AppConfig.fromEnv(env);
        if (args.contains("--print-config")) {
            out.println(config);
            return 0;
        }
        Running running = start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "happy3-shutdown"));
        return Cli.KEEP_RUNNING;
    }

    /** A started server; {@link #close} shuts it down in order. */
    public record Running(HttpServer http, InboxWorker inbox, GuardedTicker inboxTicker, GuardedTicker scheduler,
                          PlaybookFolder playbooks, Database database, Engine engine) implements AutoCloseable {
        @Override
        public void close() {
            log.info("shutting down");
            http.close();
            inboxTicker.close();
            inbox.drain(Duration.ofSeconds(10));
            inbox.close();
            scheduler.close();
            playbooks.close();
            database.close();
            log.info("stopped");
        }

        public int port() {
            return http.port();
        }
    }

    public static Running start(AppConfig config, Clock clock) {
        Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword().value());
        PlaybookFolder playbooks = PlaybookFolder.open(config.playbooks());
        playbooks.start(Duration.ofSeconds(5));
        Engine.Stores stores = new Engine.Stores(new JdbcIssueStore(database), new JdbcNudgeStore(database),
                new JdbcProudMomentStore(database),
                new CachedChannelSettingsStore(new JdbcChannelSettingsStore(database), 10_000, Duration.ofMinutes(5)),
                new CachedAgentPreferenceStore(new JdbcAgentPreferenceStore(database), 50_000,
                        Duration.ofMinutes(10)));
        JdbcInboxStore inboxStore = new JdbcInboxStore(database, clock);
        String owner = owner();
        Map<Platform, ChatGateway> gateways = new EnumMap<>(Platform.class);
        Map<Platform, AgentDirectory> directories = new EnumMap<>(Platform.class);
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        List<InboxHandler> handlers = new ArrayList<>();
        JdbcInstallationStore installations = new JdbcInstallationStore(database);
        JdbcConversationAddressStore addresses = new JdbcConversationAddressStore(database);
        Optional<TeamsModule> teams = config.teams().map(settings -> TeamsModule.create(settings, inboxStore,
                addresses, installations, clock, Optional.empty()));
        teams.ifPresent(module -> {
            gateways.put(Platform.TEAMS, module.gateway());
            directories.put(Platform.TEAMS, module.directory());
            servlets.putAll(module.servlets());
        });
        Engine engine = new Engine(stores, playbooks, new RoutingAgentDirectory(directories),
                new RoutingChatGateway(gateways), clock, config.timeZone(), owner);
        teams.ifPresent(module -> handlers.add(module.inboxHandler(engine.router())));
        RunWeeklyRituals rituals = new RunWeeklyRituals(engine.team(), stores.issues(), stores.nudges(),
                stores.proudMoments(), new JdbcRitualLedger(database, clock), new RoutingChatGateway(gateways),
                TrendChart::render, RunWeeklyRituals.Times.DEFAULT, clock);
        InboxWorker inbox = new InboxWorker(inboxStore, handlers, clock, owner, InboxWorker.Settings.defaults());
        GuardedTicker inboxTicker = new GuardedTicker("inbox", Duration.ofMillis(200));
        inboxTicker.register("inbox", inbox::poll);
        GuardedTicker scheduler = new GuardedTicker("scheduler", Duration.ofSeconds(1));
        scheduler.register("nudges", engine.delivery()::tick);
        scheduler.register("rituals", every(Duration.ofMinutes(1), clock, rituals::tick));
        scheduler.register("stale-issues", every(Duration.ofMinutes(15), clock, engine.quietIssues()::sweep));
        RetentionJob retention = new RetentionJob(database);
        int retentionDays = config.retentionDays();
        scheduler.register("retention", every(Duration.ofHours(6), clock,
                () -> retention.purge(clock.instant().minus(Duration.ofDays(retentionDays)))));
        List<HttpServer.Mount> mounts = new ArrayList<>();
        servlets.forEach((path, servlet) -> mounts.add(new HttpServer.Mount(path, servlet)));
        HttpServer http = new HttpServer(config.bindAddress(), config.port(), mounts,
                () -> readiness(database, playbooks));
        inboxTicker.start();
        scheduler.start();
        http.start();
        log.info("happy3 serving on port {} as {} (slack: {}, teams: {}, database: {})", http.port(), owner,
                config.slack().isPresent(), config.teams().isPresent(), database);
        return new Running(http, inbox, inboxTicker, scheduler, playbooks, database, engine);
    }

    private static Optional<String> readiness(Database database, PlaybookFolder playbooks) {
        if (!database.isReachable()) {
            return Optional.of("database unreachable");
        }
        if (playbooks.all().isEmpty()) {
            return Optional.of("no playbooks loaded from " + playbooks.folder());
        }
        return Optional.empty();
    }

    /** Runs {@code task} at most once per {@code period} when registered on a faster ticker. */
    static Runnable every(Duration period, Clock clock, Runnable task) {
        AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);
        return () -> {
            Instant now = clock.instant();
            if (!now.isBefore(next.get())) {
                next.set(now.plus(period));
                task.run();
            }
        };
    }

    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
