package io.oslo4j.messaging.executor;

/**
 * What an invocation holds while it runs, as its executor decides: a server counts and bounds
 * its in-flight work per lane, so that slow blocking work cannot use up the room of reactive work.
 *
 * @since 0.3
 */
public enum Lane {

	/** The invocation holds a task-executor worker until its outcome is known. */
	BLOCKING,

	/** The invocation holds no worker while it waits: it runs on the reactive scheduler. */
	REACTIVE

}
