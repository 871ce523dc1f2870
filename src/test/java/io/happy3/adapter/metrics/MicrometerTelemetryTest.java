package io.happy3.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.happy3.domain.chat.Platform;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerTelemetryTest {
    private final MicrometerTelemetry telemetry = MicrometerTelemetry.prometheus();

    @AfterEach
    void close() {
        telemetry.close();
    }

    @Test
    void scrape_afterTraffic_showsEveryOperatorMetric() {
        telemetry.eventReceived(Platform.SLACK, false);
        telemetry.eventReceived(Platform.SLACK, true);
        telemetry.eventFailed(Platform.TEAMS);
        telemetry.ackLatency(Platform.SLACK, TimeUnit.MILLISECONDS.toNanos(120));
        telemetry.nudge("sent");
        telemetry.nudge("acted");
        telemetry.schedulerLag(1_500);
        telemetry.apiCall(Platform.SLACK, "chat.postMessage", 200);
        telemetry.apiCall(Platform.SLACK, "chat.postMessage", 429);
        telemetry.gaugeInboxBacklog(() -> 7);

        String scrape = scrape();

        assertThat(scrape).contains(
                "happy3_events_received_total{platform=\"slack\"} 2.0",
                "happy3_events_deduplicated_total{platform=\"slack\"} 1.0",
                "happy3_events_failed_total{platform=\"teams\"} 1.0",
                "happy3_ack_latency_seconds_count{platform=\"slack\"} 1",
                "happy3_ack_latency_seconds_bucket{platform=\"slack\",le=\"0.25\"} 1",
                "happy3_nudges_total{outcome=\"sent\"} 1.0",
                "happy3_nudges_total{outcome=\"acted\"} 1.0",
                "happy3_nudges_total{outcome=\"snoozed\"} 0.0",
                "happy3_scheduler_lag_seconds_count 1", "happy3_scheduler_lag_seconds_bucket{le=\"5.0\"} 1",
                "happy3_platform_api_calls_total{method=\"chat.postMessage\",platform=\"slack\",status=\"429\"} 1.0",
                "happy3_platform_rate_limited_total{platform=\"slack\"} 1.0",
                "happy3_inbox_backlog 7.0",
                "jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "system_cpu_count", "process_uptime_seconds");
    }

    @Test
    void apiCall_networkError_isLabelledAsSuch() {
        telemetry.apiCall(Platform.SLACK, "chat.postMessage", io.happy3.app.Telemetry.NETWORK_ERROR);

        assertThat(scrape()).contains("happy3_platform_api_calls_total{method=\"chat.postMessage\","
                + "platform=\"slack\",status=\"network_error\"} 1.0");
    }

    @Test
    void nudge_unknownOutcome_countsAsOther() {
        telemetry.nudge("exploded");

        assertThat(scrape()).contains("happy3_nudges_total{outcome=\"other\"} 1.0").doesNotContain("exploded");
    }

    @Test
    void bindConnectionPool_hikariPool_publishesPoolUsage() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1");
        config.setPoolName("happy3-db");
        config.setMaximumPoolSize(3);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            telemetry.bindConnectionPool(pool);
            try (Connection held = pool.getConnection()) {
                assertThat(scrape()).contains("hikaricp_connections_active{pool=\"happy3-db\"} 1.0",
                        "hikaricp_connections_max{pool=\"happy3-db\"} 3.0");
            }
        }
    }

    private String scrape() {
        return ((PrometheusMeterRegistry) telemetry.registry()).scrape();
    }
}
