package io.happy3.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import io.happy3.adapter.chart.TrendChart;
import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.metrics.CountingInboxStore;
import io.happy3.adapter.playbook.PlaybookFolder;
import io.happy3.adapter.sandbox.SandboxModule;
import io.happy3.adapter.sandbox.SandboxPartition;
import io.happy3.adapter.sandbox.SandboxPeople;
import io.happy3.adapter.scheduler.GuardedTicker;
import io.happy3.adapter.scheduler.InboxWorker;
import io.happy3.adapter.storage.CachedAgentPreferenceStore;
import io.happy3.adapter.storage.CachedChannelSettingsStore;
import io.happy3.adapter.storage.ClaimScope;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcAgentPreferenceStore;
import io.happy3.adapter.storage.JdbcChannelSettingsStore;
import io.happy3.adapter.storage.JdbcCheckInStore;
import io.happy3.adapter.storage.JdbcCustomerNoteStore;
import io.happy3.adapter.storage.JdbcDesiredResultStore;
import io.happy3.adapter.storage.Dialect;
import io.happy3.adapter.storage.JdbcInboxStore;
import io.happy3.adapter.storage.JdbcIssueStore;
import io.happy3.adapter.storage.JdbcNudgeStore;
import io.happy3.adapter.storage.JdbcProudMomentStore;
import io.happy3.adapter.storage.JdbcReviewTallyStore;
import io.happy3.adapter.storage.JdbcRitualLedger;
import io.happy3.adapter.storage.JdbcTenantEraser;
import io.happy3.adapter.storage.RetentionJob;
import io.happy3.adapter.metrics.MetricsServlet;
import io.happy3.adapter.metrics.MicrometerTelemetry;
import io.happy3.app.DeliverDueNudges;
import io.happy3.app.Engine;
import io.happy3.app.Signals;
import io.happy3.adapter.process.GracefulShutdown;
import io.happy3.adapter.http.Readiness;
import io.happy3.app.RunWeeklyRituals;
import io.happy3.config.AppConfig;
import io.happy3.config.ConfigFile;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxStore;
import jakarta.servlet.http.HttpServlet;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Inbox threads on PostgreSQL: an entry mostly waits on the database and the chat platform. */
    private static final int POSTGRES_INBOX_THREADS = 8;

    private Serve() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: happy3 serve [--config FILE] [--print-config]

                    Runs the bot server. Configuration comes from environment variables (README,
                    "Configuration"), optionally from a KEY=value file (--config FILE or HAPPY3_CONFIG;
                    the environment wins). --print-config prints the effective configuration, secrets masked.""");
            return 0;
        }
        AppConfig config = AppConfig.fromEnv(ConfigFile.merged(env, ConfigFile.location(args, env)));
        if (args.contains("--print-config")) {
            out.print(config.describe());
            return 0;
        }
        System.setProperty(AppConfig.LOG_FORMAT, config.logFormat());
        LogFormat.apply(config.logFormat(), env);
        // Microsecond ticks: the databases store microseconds, so a saved instant reads back equal.
        Running running = start(config, Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)));
        running.shutdown().installShutdownHook();
        return Cli.KEEP_RUNNING;
    }

    /** A started server; {@link #close} shuts it down in order, within a bounded time. */
    public record Running(HttpServer http, InboxWorker inbox, GuardedTicker inboxTicker, GuardedTicker scheduler,
                          PlaybookFolder playbooks, Database database, Engine engine, MicrometerTelemetry telemetry,
                          Optional<SandboxModule> sandbox, AutoCloseable socketMode)
            implements AutoCloseable {
        /** Stop accepting, finish in-flight acks, drain the inbox, stop the scheduler, close the pool. */
        public GracefulShutdown shutdown() {
            return new GracefulShutdown()
                    .then("http", Duration.ofSeconds(10), () -> {
                        sandbox.ifPresent(SandboxModule::close);
                        socketMode.close();
                        http.close();
                    })
                    .then("inbox", Duration.ofSeconds(8), () -> {
                        inboxTicker.close();
                        inbox.drain(Duration.ofSeconds(7));
                        inbox.close();
                    })
                    .then("scheduler", Duration.ofSeconds(4), () -> {
                        scheduler.close();
                    })
                    .then("playbooks", Duration.ofSeconds(1), playbooks::close)
                    .then("pool", Duration.ofSeconds(2), () -> {
                        database.close();
                        telemetry.close();
                    });
        }

        @Override
        public void close() {
            shutdown().run();
        }

        public int port() {
            return http.port();
        }
    }

    public static Running start(AppConfig config, Clock clock) {
        // Off the start path; readiness waits for it. Opt-in (HAPPY3_SIGNAL_MODEL): see docs/signals.md.
        BackgroundSignalModel model = config.signalModel() ? BackgroundSignalModel.bundled()
                : BackgroundSignalModel.none();
        Database database = connectDatabase(config);
        // Flyway (about half the start's work) runs beside the building of everything that does not query the
        // database yet (metrics, playbooks, Bolt, Jetty): the start then uses both cores (BENCHMARKS.md).
        Migration migration = Migration.start(database);
        MicrometerTelemetry telemetry = null;
        PlaybookFolder playbooks = null;
        try {
            telemetry = MicrometerTelemetry.prometheus();
            playbooks = PlaybookFolder.open(config.playbooks());
            playbooks.start(Duration.ofSeconds(5));
            return start(config, clock, model, database, migration, telemetry, playbooks);
        } catch (RuntimeException | Error e) {
            migration.abandon();
            if (playbooks != null) {
                playbooks.close();
            }
            if (telemetry != null) {
                telemetry.close();
            }
            database.close();
            throw e;
        }
    }

    /** What must run once the schema is current, before anything reads or answers: run at most once. */
    private static Runnable afterMigration(Migration migration, Database database, ServePlatforms platforms) {
        return migration.then(() -> {
            releaseLeasesOfDeadProcess(database);
            platforms.reencryptTokens();
        });
    }

    private static Running start(AppConfig config, Clock clock, BackgroundSignalModel model, Database database,
                                 Migration migration, MicrometerTelemetry telemetry, PlaybookFolder playbooks) {
        // The sandbox tenant runs on its own clock: the real scheduler and sweeps never see it (SandboxPartition).
        JdbcNudgeStore nudgeStore = new JdbcNudgeStore(database,
                ClaimScope.except(Platform.LOCAL, SandboxPeople.TENANT));
        Engine.Stores stores = stores(database, nudgeStore);
        InboxStore inboxStore = new CountingInboxStore(new JdbcInboxStore(database, clock,
                config.storeMessageText()), telemetry);
        String owner = owner();
        ServePlatforms platforms = ServePlatforms.create(config, inboxStore, database, stores, clock, telemetry);
        Engine engine = new Engine(stores, playbooks, platforms.directory(), platforms.gateway(), clock,
                config.timeZone(), owner, new Signals(model));
        platforms.showCheckIns(engine.checkIns());
        observe(telemetry, engine, database, inboxStore, nudgeStore, clock);
        RunWeeklyRituals.Times ritualTimes = ritualTimes(config);
        InboxWorker inbox = new InboxWorker(inboxStore, platforms.handlers(engine.router()), clock, owner,
                inboxSettings(database));
        GuardedTicker inboxTicker = inboxTicker(inbox);
        GuardedTicker scheduler = scheduler(engine, engine.rituals(new JdbcRitualLedger(database, clock),
                TrendChart::render, ritualTimes), database, config, clock);
        // The sandbox reads its tenant as it is built, so it waits for the migrations; Jetty's setup does not.
        Runnable migrated = afterMigration(migration, database, platforms);
        Optional<SandboxModule> sandbox = config.sandbox().map(settings -> {
            migrated.run();
            return sandbox(settings, database, playbooks, ritualTimes, config, clock);
        });
        Map<String, HttpServlet> servlets = platforms.servlets();
        sandbox.ifPresent(module -> servlets.put("/", module.servlet()));
        HttpServer http = http(config, servlets, ServeReadiness.of(database, playbooks)
                .check("signal model", model::notReady), telemetry);
        migrated.run();
        inboxTicker.start();
        scheduler.start();
        http.start();
        AutoCloseable socketMode = platforms.startSocketMode();
        logStarted(config, http, owner, database, sandbox);
        return new Running(http, inbox, inboxTicker, scheduler, playbooks, database, engine, telemetry, sandbox,
                socketMode);
    }

    /** The gauges and counters {@code /metrics} shows: pool, inbox backlog, due nudges, delivery outcomes. */
    private static void observe(MicrometerTelemetry telemetry, Engine engine, Database database, InboxStore inbox,
                                JdbcNudgeStore nudges, Clock clock) {
        telemetry.bindConnectionPool(database.dataSource());
        telemetry.gaugeInboxBacklog(inbox::backlog);
        telemetry.gaugeDueNudges(() -> nudges.countDue(clock.instant()));
        engine.reportTo(telemetry);
    }

    private static RunWeeklyRituals.Times ritualTimes(AppConfig config) {
        return new RunWeeklyRituals.Times(config.ritualPrompt().day(), config.ritualPrompt().time(),
                config.ritualDigest().day(), config.ritualDigest().time());
    }

    /**
     * Embedded H2 writes one at a time: a small pool avoids contention on the ack path (BENCHMARKS.md). On
     * PostgreSQL each inbox thread holds a connection of the asynchronously committed pool for the whole of an
     * entry (one transaction; one more for the claim), and the main pool serves the ack path's writer, the
     * scheduler's deliveries, the heartbeats and the HTTP threads' reads.
     */
    private static Database connectDatabase(AppConfig config) {
        boolean h2 = config.dbUrl().startsWith("jdbc:h2:");
        return Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword().value(),
                h2 ? 2 : 12, h2 ? 2 : POSTGRES_INBOX_THREADS + 1);
    }

    private static void releaseLeasesOfDeadProcess(Database database) {
        int released = database.releaseLeasesOfDeadProcess();
        if (released > 0) {
            log.info("resuming {} inbox entries and nudges a previous process had claimed", released);
        }
    }

    private static Engine.Stores stores(Database database, JdbcNudgeStore nudgeStore) {
        return new Engine.Stores(SandboxPartition.withoutSandbox(new JdbcIssueStore(database)),
                nudgeStore, new JdbcProudMomentStore(database), SandboxPartition.withoutSandbox(
                new CachedChannelSettingsStore(new JdbcChannelSettingsStore(database), 10_000, Duration.ofMinutes(5),
                        Ticker.systemTicker())),
                new CachedAgentPreferenceStore(new JdbcAgentPreferenceStore(database), 50_000,
                        Duration.ofMinutes(10), Ticker.systemTicker()), new JdbcCustomerNoteStore(database),
                new JdbcDesiredResultStore(database),
                new JdbcCheckInStore(database)).withReviewTallies(new JdbcReviewTallyStore(database));
    }

    /**
     * On PostgreSQL an inbox entry mostly waits on the database and the chat platform: eight threads. Embedded
     * H2 writes one at a time through a pool of two, which more threads would only queue on, beside the acks.
     */
    private static InboxWorker.Settings inboxSettings(Database database) {
        return InboxWorker.Settings.defaults()
                .withThreads(database.dialect() == Dialect.H2 ? 4 : POSTGRES_INBOX_THREADS);
    }

    private static GuardedTicker inboxTicker(InboxWorker inbox) {
        GuardedTicker ticker = new GuardedTicker("inbox", Duration.ofMillis(200));
        ticker.register("inbox", inbox::poll);
        return ticker;
    }

    /** The scheduler ticker: due nudges every 250 ms; weekly rituals, the stale sweep and retention less often. */
    private static GuardedTicker scheduler(Engine engine, RunWeeklyRituals rituals, Database database,
                                           AppConfig config, Clock clock) {
        // Every 250 ms: a nudge falling due waits at most that long for its round (fire lag goal < 1 s, issue 17);
        // an idle tick is one claim query on the due index. The other tasks run at their own periods (every).
        GuardedTicker scheduler = new GuardedTicker("scheduler", Duration.ofMillis(250));
        // Up to 8 recipients at once, and rounds of 2,000 while nudges are due (BENCHMARKS.md, scheduler); a
        // tick stops starting rounds after 2 s, so a shutdown waits for one round at most.
        engine.delivery().deliverWith(scheduler.pool("happy3-deliver", 8));
        // App Homes are rebuilt beside the deliveries, at most every 30 s per agent (DeliverDueNudges.INBOX_REFRESH).
        engine.delivery().refreshInboxesWith(scheduler.pool("happy3-inbox-refresh", 2));
        scheduler.register("nudges", () -> engine.delivery().tickWhileDue(Duration.ofSeconds(2)));
        scheduler.heartbeat("nudges", DeliverDueNudges.LEASE.dividedBy(4), engine.delivery()::renewLeases);
        scheduler.register("rituals", every(Duration.ofMinutes(1), clock, rituals::tick));
        scheduler.register("stale-issues", every(Duration.ofMinutes(15), clock, engine.quietIssues()::sweep));
        RetentionJob retention = new RetentionJob(database);
        int retentionDays = config.retentionDays();
        scheduler.register("retention", every(Duration.ofHours(6), clock,
                () -> retention.purge(clock.instant().minus(Duration.ofDays(retentionDays)))));
        JdbcCustomerNoteStore notes = new JdbcCustomerNoteStore(database);
        config.noteRetentionDays().ifPresent(days -> scheduler.register("note-retention", every(Duration.ofHours(6),
                clock, () -> notes.deleteUpdatedBefore(clock.instant().minus(Duration.ofDays(days))))));
        return scheduler;
    }

    private static HttpServer http(AppConfig config, Map<String, HttpServlet> servlets, Readiness readiness,
                                   MicrometerTelemetry telemetry) {
        List<HttpServer.Mount> mounts = new ArrayList<>();
        servlets.forEach((path, servlet) -> mounts.add(new HttpServer.Mount(path, servlet)));
        return new HttpServer(config.bindAddress(), config.port(), mounts, readiness, config.managementPort(),
                List.of(new HttpServer.Mount("/metrics", MetricsServlet.of(telemetry))));
    }

    private static void logStarted(AppConfig config, HttpServer http, String owner, Database database,
                                   Optional<SandboxModule> sandbox) {
        log.info("happy3 serving on port {} as {} (slack: {}, teams: {}, database: {}, sandbox: {})", http.port(),
                owner, config.slack().isPresent(), config.teams().isPresent(), database, sandbox.map(module ->
                        module.url(config.bindAddress(), http.port()) + (module.loopbackOnly() ? " (this machine only)"
                                : "")).orElse("off"));
    }

    /** The browser sandbox: its own engine on its own clock, over the same database under its own tenant. */
    private static SandboxModule sandbox(AppConfig.Sandbox settings, Database database, PlaybookFolder playbooks,
                                         RunWeeklyRituals.Times times, AppConfig config, Clock clock) {
        Engine.Stores own = new Engine.Stores(new JdbcIssueStore(database),
                new JdbcNudgeStore(database, ClaimScope.only(Platform.LOCAL, SandboxPeople.TENANT)),
                new JdbcProudMomentStore(database), new JdbcChannelSettingsStore(database),
                new JdbcAgentPreferenceStore(database), new JdbcCustomerNoteStore(database),
                new JdbcDesiredResultStore(database),
                new JdbcCheckInStore(database));
        JdbcTenantEraser eraser = new JdbcTenantEraser(database);
        return SandboxModule.create(new SandboxModule.Parts(settings.bind(), own, playbooks,
                sandboxClock -> new JdbcRitualLedger(database, sandboxClock), TrendChart::render, times,
                config.timeZone(), database.dataSource(), () -> eraser.erase(Platform.LOCAL, SandboxPeople.TENANT),
                SandboxPlaybookCheck::check, clock));
    }

    /** Flyway on its own thread while {@code start} builds the rest; its failure fails the start. */
    private static final class Migration {
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        static Migration start(Database database) {
            Migration migration = new Migration();
            Thread thread = new Thread(() -> {
                try {
                    database.migrate();
                    migration.done.complete(null);
                } catch (Throwable e) {
                    migration.done.completeExceptionally(e);
                }
            }, "happy3-migrate");
            thread.setDaemon(true);
            thread.start();
            return migration;
        }

        /**
         * A step that waits for the migrations (rethrowing their failure) and then runs {@code next}, only the first
         * time it runs.
         */
        Runnable then(Runnable next) {
            AtomicBoolean ran = new AtomicBoolean();
            return () -> {
                if (ran.compareAndSet(false, true)) {
                    await();
                    next.run();
                }
            };
        }

        private void await() {
            try {
                done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        /** Lets a migration that is still running finish (or fail) before the caller closes the database. */
        void abandon() {
            try {
                done.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // The start failed already; this failure is the consequence or reported by the caller.
            }
        }
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
