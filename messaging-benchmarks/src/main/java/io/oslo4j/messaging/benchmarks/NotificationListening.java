package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code server} command's notification listener ({@code --listen-notifications},
 * {@code --pool}): the one place where the benchmark server connects to
 * {@code io.oslo4j.messaging.notify}.
 *
 * <p>Intended behaviour, for whoever connects it: on its own transport for {@code url}, listen to
 * every priority of each topic (with {@code pool} as oslo's listener pool, when given), and print
 * one JSON line per notification on {@code out}:
 * {@code {"notification": {"priority", "publisher_id", "event_type", "payload", "context"}}}. Closing the
 * returned handle stops the listener gracefully. Until the notifications module is on this
 * branch, asking for it fails before the server starts.
 */
final class NotificationListening {

	private NotificationListening() {
	}

	/**
	 * Starts listening, or does nothing when no topic is given.
	 * @throws UnsupportedOperationException if topics are given: notifications are not in this build
	 */
	static AutoCloseable start(String url, List<String> topics, @Nullable String pool, PrintWriter out) {
		if (topics.isEmpty()) {
			return () -> {
			};
		}
		throw new UnsupportedOperationException("--listen-notifications needs the notifications module "
				+ "(io.oslo4j.messaging.notify), which this build of messaging-benchmarks does not include yet; "
				+ "serve RPC only, or use a build that has it");
	}

}
