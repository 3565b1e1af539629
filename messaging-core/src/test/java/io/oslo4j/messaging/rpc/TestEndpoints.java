package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RequestContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Endpoints the RPC specifications call. */
final class TestEndpoints {

	private TestEndpoints() {
	}

	/** The conformance endpoint: the same methods the Python peer and the benchmark server offer. */
	public static class Conformance {

		final String serverName;

		final AtomicInteger casts = new AtomicInteger();

		final Queue<String> castValues = new ConcurrentLinkedQueue<>();

		final Queue<String> threads = new ConcurrentLinkedQueue<>();

		Conformance(String serverName) {
			this.serverName = serverName;
		}

		public @Nullable Object echo(@Nullable Object value) {
			this.threads.add(Thread.currentThread().getName());
			return value;
		}

		public Mono<Object> echoReactive(Object value) {
			this.threads.add(Thread.currentThread().getName());
			return Mono.just(value);
		}

		public long add(long a, long b) {
			return a + b;
		}

		public void fail(String message) {
			throw new IllegalStateException(message);
		}

		public double sleep(double seconds) throws InterruptedException {
			this.threads.add(Thread.currentThread().getName());
			Thread.sleep((long) (seconds * 1000));
			return seconds;
		}

		public Mono<Double> sleepReactive(double seconds) {
			this.threads.add(Thread.currentThread().getName());
			return Mono.delay(Duration.ofMillis((long) (seconds * 1000))).thenReturn(seconds);
		}

		public Map<String, @Nullable Object> context(RequestContext context) {
			return context.asMap();
		}

		public String whoami() {
			return this.serverName;
		}

		public void record(String value) {
			this.castValues.add(value);
			this.casts.incrementAndGet();
		}

		public @Nullable Object falsy(String kind) {
			return switch (kind) {
				case "none" -> null;
				case "zero" -> 0;
				case "false" -> false;
				case "list" -> List.of();
				case "dict" -> Map.of();
				case "string" -> "";
				default -> throw new IllegalArgumentException(kind);
			};
		}

		public Mono<String> emptyMono() {
			return Mono.empty();
		}

		public CompletionStage<String> future(String value) {
			return CompletableFuture.supplyAsync(() -> value.toUpperCase());
		}

		@ExpectedExceptions(IllegalArgumentException.class)
		public String validate(int size) {
			if (size < 0) {
				throw new IllegalArgumentException("size must not be negative");
			}
			return "ok";
		}

	}

	/** The endpoint of namespace ns1 at version 1.3. */
	@RpcEndpoint(namespace = "ns1", version = "1.3")
	public static class Versioned {

		public String versioned() {
			return "ns1-1.3";
		}

	}

	/** An exception a client may be allowed to rebuild. */
	public static class QuotaExceededException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public QuotaExceededException(String message) {
			super(message);
		}

	}

	/** Raises {@link QuotaExceededException}. */
	public static class Quota {

		public void reserve(int count) {
			throw new QuotaExceededException("quota exceeded by " + count);
		}

	}

}
