package io.oslo4j.messaging.executor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ways a server or listener runs endpoint methods.
 *
 * @since 0.1
 */
public enum ExecutorKind {

	/**
	 * Every endpoint method runs on the {@code TaskExecutor}, one task per message; a method that
	 * returns {@code Mono} or {@code CompletionStage} is awaited on that worker.
	 */
	EVENTLET,

	/**
	 * Methods returning plain values run on the {@code TaskExecutor}; methods returning
	 * {@code Mono} or {@code CompletionStage} are subscribed on a Reactor scheduler and hold no
	 * worker while they wait.
	 */
	GREENIO,

	/**
	 * The end of a migration: every endpoint method must return {@code Mono} or
	 * {@code CompletionStage}, and is subscribed on a Reactor scheduler; there is no
	 * {@code TaskExecutor} at all. A server or listener with a method that returns a plain value
	 * refuses to build, naming it.
	 * @since 0.2
	 */
	REACTIVE;

	/** The name used in configuration: {@code eventlet}, {@code greenio} or {@code reactive}. */
	public String configName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * oslo.messaging 16's only executor, {@code threading}: one worker thread per message, which is
	 * what {@link #EVENTLET} does here (green threads being Java's platform or virtual threads).
	 */
	public static final String THREADING = "threading";

	/**
	 * The kind for a configuration name, case-insensitively; {@value #THREADING} means
	 * {@link #EVENTLET}.
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static ExecutorKind fromName(String name) {
		String wanted = name.trim();
		if (THREADING.equalsIgnoreCase(wanted)) {
			return EVENTLET;
		}
		for (ExecutorKind kind : values()) {
			if (kind.configName().equalsIgnoreCase(wanted)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown executor '" + name + "': use one of "
				+ Arrays.stream(values()).map(ExecutorKind::configName).collect(Collectors.joining(", ")) + " (or "
				+ THREADING + ", oslo.messaging 16's name for eventlet)");
	}

}
