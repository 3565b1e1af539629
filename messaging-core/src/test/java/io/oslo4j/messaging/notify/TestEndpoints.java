package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.oslo4j.messaging.RequestContext;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Endpoints the notification tests listen with. */
final class TestEndpoints {

	private TestEndpoints() {
	}

	/** A payload type, as an application would declare it. */
	public record Instance(String id, String state) {
	}

	/** Records every notification of every priority. */
	public static final class Recorder {

		final List<Notification<JsonNode>> received = new CopyOnWriteArrayList<>();

		@OnNotification({ Priority.AUDIT, Priority.DEBUG, Priority.INFO, Priority.WARN, Priority.ERROR,
				Priority.CRITICAL, Priority.SAMPLE })
		public void on(Notification<JsonNode> notification) {
			this.received.add(notification);
		}

		List<String> eventTypes() {
			return this.received.stream().map(Notification::eventType).toList();
		}

	}

	/** One method per priority, named after it, as oslo endpoints are written. */
	public static final class EveryPriority {

		final List<String> calls = new CopyOnWriteArrayList<>();

		public void audit(String eventType) {
			this.calls.add("audit " + eventType);
		}

		public void debug(String eventType) {
			this.calls.add("debug " + eventType);
		}

		public void info(String eventType) {
			this.calls.add("info " + eventType);
		}

		public void warn(String eventType) {
			this.calls.add("warn " + eventType);
		}

		public void error(String eventType) {
			this.calls.add("error " + eventType);
		}

		public void critical(String eventType) {
			this.calls.add("critical " + eventType);
		}

		public void sample(String eventType) {
			this.calls.add("sample " + eventType);
		}

	}

	/** Takes every role an info method can take, and keeps what it was given. */
	public static final class FullSignature {

		final List<Object[]> calls = new CopyOnWriteArrayList<>();

		public void info(RequestContext ctxt, String publisherId, String eventType, Instance payload,
				NotificationMetadata metadata, Priority priority) {
			this.calls.add(new Object[] { ctxt, publisherId, eventType, payload, metadata, priority });
		}

	}

	/** Answers info notifications with what a function decides, counting the calls. */
	public static final class Scripted {

		final AtomicInteger calls = new AtomicInteger();

		final List<String> eventTypes = new CopyOnWriteArrayList<>();

		private final Function<Integer, NotificationResult> script;

		Scripted(Function<Integer, NotificationResult> script) {
			this.script = script;
		}

		public NotificationResult info(String eventType) {
			this.eventTypes.add(eventType);
			return this.script.apply(this.calls.incrementAndGet());
		}

	}

	/** Fails every time on the event type {@code poison}; records every other one. */
	public static final class Poisoned {

		final AtomicInteger poisonAttempts = new AtomicInteger();

		final List<String> handled = new CopyOnWriteArrayList<>();

		public void info(String eventType) {
			if ("poison".equals(eventType)) {
				this.poisonAttempts.incrementAndGet();
				throw new IllegalStateException("this notification can never be handled");
			}
			this.handled.add(eventType);
		}

	}

	/** Records the thread that runs each kind of method. */
	public static final class Threads {

		final Map<String, String> threads = new ConcurrentHashMap<>();

		public void info(String eventType) {
			this.threads.put("blocking", Thread.currentThread().getName());
		}

		public Mono<NotificationResult> error(String eventType) {
			this.threads.put("mono", Thread.currentThread().getName());
			return Mono.just(NotificationResult.HANDLED);
		}

	}

	/** Holds every info notification until released, counting how many are held at once. */
	public static final class Gate {

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger inside = new AtomicInteger();

		final AtomicInteger mostInside = new AtomicInteger();

		final List<String> handled = new CopyOnWriteArrayList<>();

		public void info(String eventType) throws InterruptedException {
			this.mostInside.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
			try {
				if (!this.release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the gate was never opened");
				}
				this.handled.add(eventType);
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

	}

	/** A batch endpoint recording the size of every batch. */
	public static final class Batches {

		final List<Integer> sizes = new CopyOnWriteArrayList<>();

		final List<Notification<Instance>> received = new CopyOnWriteArrayList<>();

		private final Function<Integer, NotificationResult> script;

		Batches(Function<Integer, NotificationResult> script) {
			this.script = script;
		}

		public NotificationResult info(List<Notification<Instance>> batch) {
			this.sizes.add(batch.size());
			this.received.addAll(batch);
			return this.script.apply(this.sizes.size());
		}

	}

}
