package io.happy3.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.happy3.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class LogContextTest {
    private static final Path LOGBACK_XML = Path.of("src/main/resources/logback.xml");

    @Test
    void of_closed_restoresThePreviousValues() {
        try (LogContext outer = LogContext.of("T1", "E1")) {
            try (LogContext inner = LogContext.of("T2", null)) {
                assertThat(MDC.get("team")).isEqualTo("T2");
                assertThat(MDC.get("event_id")).isNull();
            }
            assertThat(MDC.get("team")).isEqualTo("T1");
            assertThat(MDC.get("event_id")).isEqualTo("E1");
        }
        assertThat(MDC.get("team")).isNull();
    }

    @Test
    void jsonFormat_loggedInAContext_emitsJsonLinesWithTeamAndEventId() throws Exception {
        List<String> lines = logWith("json", logger -> {
            try (LogContext ignored = LogContext.of("T024BE7LD", "Ev0PV52K21")) {
                logger.info("event {} queued", 42);
            }
            logger.warn("outside");
        });

        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("formattedMessage").asText()).isEqualTo("event 42 queued");
        assertThat(first.path("mdc").path("team").asText()).isEqualTo("T024BE7LD");
        assertThat(first.path("mdc").path("event_id").asText()).isEqualTo("Ev0PV52K21");
        assertThat(json.readTree(lines.get(1)).path("mdc").path("team").isMissingNode()).isTrue();
    }

    @Test
    void textFormat_loggedInAContext_showsTeamAndEventId() throws Exception {
        List<String> lines = logWith("text", logger -> {
            try (LogContext ignored = LogContext.of("T024BE7LD", "Ev0PV52K21")) {
                logger.info("event queued");
            }
        });

        assertThat(lines).singleElement().asString()
                .contains("INFO", "team=T024BE7LD event_id=Ev0PV52K21 - event queued");
    }

    @Test
    void bothFormats_configLoggedAtInfo_neverShowSecrets() throws Exception {
        AppConfig config = AppConfig.fromEnv(Map.of(AppConfig.SLACK_SIGNING_SECRET, "sign-s3cret",
                AppConfig.SLACK_BOT_TOKEN, "xoxb-s3cret", AppConfig.DB_PASSWORD, "db-s3cret"));
        for (String format : List.of("json", "text")) {
            List<String> lines = logWith(format, logger -> {
                logger.info("starting with {}", config);
                logger.info("token {}", config.slack().orElseThrow().botToken().orElseThrow());
            });

            assertThat(String.join("\n", lines)).contains("****").doesNotContain("s3cret");
        }
    }

    private interface Body {
        void log(Logger logger) throws Exception;
    }

    /** Configures a fresh Logback context from the shipped logback.xml and captures what it writes to stdout. */
    private static List<String> logWith(String format, Body body) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty("HAPPY3_LOG_FORMAT", format);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LOGBACK_XML.toFile());
            body.log(context.getLogger("io.happy3.test"));
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
