package io.happy3.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.happy3.config.AppConfig;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code HAPPY3_LOG_FORMAT} when it came from the config file: Logback configures itself before the
 * config file is read, from the environment only, so a format set in the file needs Logback configured again.
 */
final class LogFormat {
    private LogFormat() {
    }

    /** Re-reads {@code logback.xml} with {@code format} when the environment gave Logback another one. */
    static void apply(String format, Map<String, String> env) {
        String started = env.getOrDefault(AppConfig.LOG_FORMAT, "").strip().toLowerCase(Locale.ROOT);
        if (format.equals(started.isEmpty() ? "text" : started)) {
            return;
        }
        URL config = LogFormat.class.getResource("/logback.xml");
        if (config != null) {
            reconfigure(config, format);
        }
    }

    /** Configures Logback from {@code config} with {@code HAPPY3_LOG_FORMAT} set to {@code format}. */
    static void reconfigure(URL config, String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        context.putProperty(AppConfig.LOG_FORMAT, format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + config + ": " + e.getMessage(), e);
        }
    }
}
