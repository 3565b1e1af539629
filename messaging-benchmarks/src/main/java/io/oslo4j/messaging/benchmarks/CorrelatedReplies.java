package io.oslo4j.messaging.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * The request/reply bookkeeping of the bare amqp-client baselines: each request gets a
 * correlation id and a future, which the reply consumer completes by that id.
 */
final class CorrelatedReplies {

	/** Publishes one request under its correlation id. */
	@FunctionalInterface
	interface Publish {

		void publish(String correlationId) throws IOException;

	}

	private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	/** Completes the request of this correlation id, if one waits. */
	void complete(String correlationId, byte[] reply) {
		CompletableFuture<byte[]> future = this.pending.remove(correlationId);
		if (future != null) {
			future.complete(reply);
		}
	}

	/** Each subscription publishes one request and completes with its reply. */
	Supplier<Mono<?>> sender(Publish publish) {
		return () -> Mono.defer(() -> {
			String id = Long.toString(this.ids.incrementAndGet());
			CompletableFuture<byte[]> future = new CompletableFuture<>();
			this.pending.put(id, future);
			try {
				publish.publish(id);
			}
			catch (IOException ex) {
				this.pending.remove(id);
				return Mono.error(ex);
			}
			return Mono.fromFuture(future);
		});
	}

}
