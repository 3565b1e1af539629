package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.Notification;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.OnNotification;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code server} command's notification listener ({@code --listen-notifications},
 * {@code --pool}): on its own transport, listens to every priority of each topic (with
 * {@code pool} as oslo's listener pool, when given) and prints one JSON line per notification:
 * {@code {"priority", "publisher_id", "event_type", "payload", "ctxt", "metadata"}}, the keys of
 * the dicts oslo hands a batch endpoint ({@code priority} lower-case, as the endpoint method's
 * name; {@code metadata} is {@code {"message_id", "timestamp"}}). Closing the returned handle
 * stops the listener gracefully.
 */
final class NotificationListening {

	/** The topic listened to when {@code --listen-notifications} names none, as oslo's default. */
	static final String DEFAULT_TOPIC = "notifications";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private NotificationListening() {
	}

	/** Starts listening, or does nothing when no topic is given. */
	static AutoCloseable start(String url, List<String> topics, @Nullable String pool, PrintWriter out) {
		if (topics.isEmpty()) {
			return () -> {
			};
		}
		Transport transport = Transport.open(url);
		MessagingExecutor executor = null;
		try {
			// One worker: lines come out whole and in the order the listener dispatches them.
			executor = MessagingExecutors.builder(ExecutorKind.EVENTLET).poolSize(1).build();
			NotificationListener listener = NotificationListener.builder(transport)
				.targets(topics.stream().map(Target::topic).toList())
				.endpoint(new Printer(out))
				.executor(executor)
				.pool(pool)
				.maxInFlight(1)
				.build();
			listener.start();
			MessagingExecutor started = executor;
			return () -> {
				try {
					listener.awaitTermination(STOP_TIMEOUT);
					started.disposeGracefully().block(STOP_TIMEOUT);
				}
				finally {
					transport.close();
				}
			};
		}
		catch (RuntimeException ex) {
			if (executor != null) {
				executor.disposeGracefully().subscribe();
			}
			transport.close();
			throw ex;
		}
	}

	/** The one JSON line printed for a notification. */
	static Map<String, @Nullable Object> line(Notification<JsonNode> notification) {
		Map<String, @Nullable Object> line = new LinkedHashMap<>();
		line.put("priority", notification.priority().routingName());
		line.put("publisher_id", notification.publisherId());
		line.put("event_type", notification.eventType());
		line.put("payload", notification.payload());
		line.put("ctxt", notification.context().asMap());
		Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
		metadata.put("message_id", notification.metadata().messageId());
		metadata.put("timestamp", notification.metadata().timestamp());
		line.put("metadata", metadata);
		return line;
	}

	/** Prints every notification of every priority. Public: the listener calls its public methods. */
	public static final class Printer {

		private final PrintWriter out;

		Printer(PrintWriter out) {
			this.out = out;
		}

		@OnNotification({ Priority.AUDIT, Priority.DEBUG, Priority.INFO, Priority.WARN, Priority.ERROR,
				Priority.CRITICAL, Priority.SAMPLE })
		public void on(Notification<JsonNode> notification) {
			String text = Json.line(line(notification));
			synchronized (this.out) {
				this.out.println(text);
				this.out.flush();
			}
		}

	}

}
