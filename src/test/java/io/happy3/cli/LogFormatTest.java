package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HAPPY3_LOG_FORMAT=json from a config file switches the production logback.xml to JSON lines. */
class LogFormatTest {
    private final URL production = LogFormat.class.getResource("/logback.xml");

    @AfterEach
    void restoreTheTestLogging() {
        LogFormat.reconfigure(LogFormatTest.class.getResource("/logback-test.xml"), "text");
    }

    @Test
    void reconfigure_json_rootLogsThroughTheJsonEncoder() {
        LogFormat.reconfigure(production, "json");

        assertThat(encoders()).hasSize(1).allMatch(encoder -> encoder instanceof JsonEncoder);
    }

    @Test
    void reconfigure_text_rootLogsPlainLines() {
        LogFormat.reconfigure(production, "text");

        assertThat(encoders()).hasSize(1).noneMatch(encoder -> encoder instanceof JsonEncoder);
    }

    @Test
    void apply_sameFormatAsTheEnvironment_leavesLoggingAlone() {
        List<Object> before = encoders();

        LogFormat.apply("text", Map.of());

        assertThat(encoders()).containsExactlyElementsOf(before);
    }

    private static List<Object> encoders() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Object> encoders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                encoders.add(stream.getEncoder());
            }
        }
        return encoders;
    }
}
