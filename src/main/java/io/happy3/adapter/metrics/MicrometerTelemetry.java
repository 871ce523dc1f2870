package io.happy3.adapter.metrics;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.happy3.app.Telemetry;
import io.happy3.domain.chat.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link Telemetry} on a Micrometer registry, named for Prometheus ({@code happy3_events_received_total}
 * and so on; see docs/production.md for the list). Thread-safe; closing it stops the JVM GC listener.
 */
public final class MicrometerTelemetry implements Telemetry, AutoCloseable {
    /** The nudge outcomes counted under their own label; anything else counts as {@code other}. */
    public static final List<String> NUDGE_OUTCOMES = List.of("scheduled", "sent", "acted", "snoozed", "dismissed",
            "cancelled", "expired", "failed");
    /**
     * Histogram buckets ({@code le}) for acks: fixed, readable bounds around Slack's 3-second deadline, so
     * {@code histogram_quantile} works and dashboards can alert on the share of acks above 3 s.
     */
    private static final Duration[] ACK_BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
        ms(1_000), ms(2_000), ms(3_000), ms(5_000), ms(10_000)};
    /** Histogram buckets for scheduler lag: a tick is a few seconds; minutes mean a replica is stuck. */
    private static final Duration[] LAG_BUCKETS = {ms(1_000), ms(5_000), ms(15_000), ms(30_000), ms(60_000),
        ms(300_000), ms(900_000), ms(3_600_000)};
    private static final List<Platform> PLATFORMS = List.of(Platform.SLACK, Platform.TEAMS);

    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** The meters every ack touches, registered once: a builder and a registry lookup per request cost CPU. */
    private final Map<Platform, Counter> receivedCounters = new EnumMap<>(Platform.class);
    private final Map<Platform, Timer> ackTimers = new EnumMap<>(Platform.class);

    /** Reports into {@code registry}, with the JVM binders and zeroed counters for each platform and outcome. */
    public MicrometerTelemetry(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry == null");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (Platform platform : PLATFORMS) {
            receivedCounters.put(platform, received(platform));
            deduplicated(platform);
            failed(platform);
            ackTimers.put(platform, ackTimer(platform));
            rateLimited(platform);
        }
        NUDGE_OUTCOMES.forEach(this::nudgeCounter);
        lagTimer();
    }

    /** A telemetry over a fresh Prometheus registry, the one {@link MetricsServlet} scrapes. */
    public static MicrometerTelemetry prometheus() {
        return new MicrometerTelemetry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void eventReceived(Platform platform, boolean duplicate) {
        Counter received = receivedCounters.get(platform);
        (received == null ? received(platform) : received).increment();
        if (duplicate) {
            deduplicated(platform).increment();
        }
    }

    @Override
    public void eventFailed(Platform platform) {
        failed(platform).increment();
    }

    @Override
    public void ackLatency(Platform platform, long nanos) {
        Timer timer = ackTimers.get(platform);
        (timer == null ? ackTimer(platform) : timer).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void nudge(String outcome) {
        String label = outcome == null ? "other" : outcome.toLowerCase(Locale.ROOT);
        nudgeCounter(NUDGE_OUTCOMES.contains(label) ? label : "other").increment();
    }

    @Override
    public void schedulerLag(long millis) {
        lagTimer().record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void apiCall(Platform platform, String method, int status) {
        Counter.builder("happy3.platform.api.calls")
                .description("Calls to the Slack Web API and the Teams connector, by method and HTTP status")
                .tags("platform", label(platform), "method", method == null ? "unknown" : method,
                        "status", status == NETWORK_ERROR ? "network_error" : String.valueOf(status))
                .register(registry).increment();
        if (status == 429) {
            rateLimited(platform).increment();
        }
    }

    /** Publishes {@code happy3_inbox_backlog}: inbox entries waiting to be processed. */
    public void gaugeInboxBacklog(Supplier<Number> backlog) {
        gauge("happy3.inbox.backlog", "Inbox entries received but not yet processed", backlog);
    }

    /** Publishes {@code happy3_nudges_due}: nudges due now and not yet delivered. */
    public void gaugeDueNudges(Supplier<Number> due) {
        gauge("happy3.nudges.due", "Nudges due and not yet delivered", due);
    }

    /**
     * Publishes the connection pool ({@code hikaricp_connections_active}, {@code _idle}, {@code _pending}, …)
     * when {@code dataSource} is a HikariCP pool; otherwise does nothing.
     */
    public void bindConnectionPool(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource == null");
        if (dataSource instanceof HikariDataSource hikari && hikari.getMetricsTrackerFactory() == null
                && hikari.getMetricRegistry() == null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        requireNonNull(value, "value == null");
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    private Counter received(Platform platform) {
        return perPlatform("happy3.events.received", "Platform events verified and persisted", platform);
    }

    private Counter deduplicated(Platform platform) {
        return perPlatform("happy3.events.deduplicated", "Events dropped as platform redeliveries", platform);
    }

    private Counter failed(Platform platform) {
        return perPlatform("happy3.events.failed", "Inbox entries whose processing failed", platform);
    }

    private Counter rateLimited(Platform platform) {
        return perPlatform("happy3.platform.rate.limited", "Platform API calls answered 429", platform);
    }

    private Counter perPlatform(String name, String description, Platform platform) {
        return Counter.builder(name).description(description).tag("platform", label(platform)).register(registry);
    }

    private Counter nudgeCounter(String outcome) {
        return Counter.builder("happy3.nudges").description("Nudges by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private Timer ackTimer(Platform platform) {
        return Timer.builder("happy3.ack.latency").description("Time from request start to acknowledgement")
                .tag("platform", label(platform))
                .serviceLevelObjectives(ACK_BUCKETS)
                .register(registry);
    }

    private Timer lagTimer() {
        return Timer.builder("happy3.scheduler.lag").description("How late nudges went out after their due time")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static String label(Platform platform) {
        return platform == null ? "unknown" : platform.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
    }
}
