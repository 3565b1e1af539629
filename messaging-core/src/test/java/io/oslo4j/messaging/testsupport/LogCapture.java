package io.oslo4j.messaging.testsupport;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures what loggers log while it is open, at the given level and above, whatever the test
 * configuration says; closing it restores their levels.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.of(Level.DEBUG, Logger.ROOT_LOGGER_NAME)) {
 *     ...
 *     assertThat(logs.text()).doesNotContain(password);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

	private final List<Logger> loggers = new ArrayList<>();

	private final List<Level> previousLevels = new ArrayList<>();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture(Level level, String... names) {
		this.appender.start();
		for (String name : names) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			this.loggers.add(logger);
			this.previousLevels.add(logger.getLevel());
			logger.setLevel(level);
			logger.addAppender(this.appender);
		}
	}

	/** Starts capturing the named loggers (and their children) at {@code level} and above. */
	public static LogCapture of(Level level, String... names) {
		return new LogCapture(level, names);
	}

	/** The events captured so far. */
	public List<ILoggingEvent> events() {
		synchronized (this.appender) {
			return List.copyOf(this.appender.list);
		}
	}

	/** Every captured message, formatted, with its stack trace, one after the other. */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : events()) {
			text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
				.append(event.getFormattedMessage()).append('\n');
			if (event.getThrowableProxy() != null) {
				text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
			}
		}
		return text.toString();
	}

	@Override
	public void close() {
		for (int i = 0; i < this.loggers.size(); i++) {
			this.loggers.get(i).detachAppender(this.appender);
			this.loggers.get(i).setLevel(this.previousLevels.get(i));
		}
		this.appender.stop();
	}

}
