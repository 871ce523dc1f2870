package io.happy3.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while open, captured from the root logger (formatted message plus any stack
 * trace), so a test can assert what an operator would read. Close it to detach.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** The formatted lines so far, each followed by its stack trace when one was logged. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            IThrowableProxy thrown = event.getThrowableProxy();
            lines.add(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
                    + (thrown == null ? "" : "\n" + ThrowableProxyUtil.asString(thrown)));
        }
        return lines;
    }

    /** Everything captured as one text, for "never contains" checks. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
