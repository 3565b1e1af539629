package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The Java side of the interop tests: the same methods as {@code interop/oslo_server.py}. */
final class InteropEndpoints {

	private InteropEndpoints() {
	}

	/** Default namespace, version 1.0. */
	public static class Peer {

		final String serverName;

		final Queue<String> received = new ConcurrentLinkedQueue<>();

		Peer(String serverName) {
			this.serverName = serverName;
		}

		public @Nullable Object echo(@Nullable Object value) {
			this.received.add("echo:" + value);
			return value;
		}

		public long add(long a, long b) {
			return a + b;
		}

		public void fail(String message) {
			throw new IllegalStateException(message);
		}

		public Mono<Double> sleepReactive(double seconds) {
			return Mono.delay(Duration.ofMillis((long) (seconds * 1000))).thenReturn(seconds);
		}

		public Map<String, @Nullable Object> context(RequestContext context) {
			return context.asMap();
		}

		public String whoami() {
			return this.serverName;
		}

		public @Nullable Object falsy(String kind) {
			return switch (kind) {
				case "none" -> null;
				case "zero" -> 0;
				case "false" -> false;
				case "empty_list" -> List.of();
				case "empty_dict" -> Map.of();
				case "empty_string" -> "";
				default -> throw new IllegalArgumentException("unknown kind " + kind);
			};
		}

	}

	/** Namespace ns1, version 1.3. */
	@RpcEndpoint(namespace = "ns1", version = "1.3")
	public static class Versioned {

		public String versioned() {
			return "ns1-1.3";
		}

	}

}
