package io.oslo4j.messaging.executor;

/**
 * What an executor does about a blocking call (a sleep, blocking I/O, {@code Mono#block()}) that a
 * {@code Mono} or {@code CompletionStage} method makes on a greenio thread, where it stalls every
 * reactive method. Detection needs BlockHound ({@code io.projectreactor.tools:blockhound}) on the
 * class path and, on JDK 13 and later, the JVM flag {@code -XX:+AllowRedefinitionToAddDeleteMethods}.
 *
 * <p>In configuration, {@code true} and {@code false} are read as {@link #ON} and {@link #OFF}.
 *
 * @since 0.2
 */
public enum BlockingDetection {

	/** Blocking calls are not looked for. */
	OFF,

	/**
	 * Each blocking call is logged at WARN with the endpoint method's name and the call's stack,
	 * and counted for the method ({@code ServerDescription.Method#blockingCalls()}); the call goes on.
	 */
	ON,

	/**
	 * As {@link #ON}, and the blocking call throws a {@link BlockingCallException}, which fails
	 * the endpoint method: the caller receives it as a remote error.
	 */
	FAIL

}
