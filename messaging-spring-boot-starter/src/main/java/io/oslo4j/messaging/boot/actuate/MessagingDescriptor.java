package io.oslo4j.messaging.boot.actuate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oslo4j.messaging.ServerDescription;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the {@code messaging} endpoint answers: every server, and per service the migration's
 * progress.
 *
 * @param servers the RPC servers and notification listeners
 * @param summary per server, how many of its methods are reactive
 * @since 0.2
 */
public record MessagingDescriptor(List<ServerEntry> servers, List<Progress> summary) implements OperationResponseBody {

	/**
	 * One RPC server or notification listener.
	 *
	 * @param type {@code rpc-server} or {@code notification-listener}
	 * @param service an RPC server's topic, or a listener's topics (comma-separated)
	 * @param topic an RPC server's topic
	 * @param server an RPC server's name
	 * @param topics a listener's topics
	 * @param executor {@code eventlet}, {@code greenio} or {@code reactive}
	 * @param lanes the in-flight bounds and what is in flight in each
	 * @param methods the endpoint methods, in dispatch order
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ServerEntry(String type, String service, @Nullable String topic, @Nullable String server,
			@Nullable List<@Nullable String> topics, String executor, List<ServerDescription.Lane> lanes,
			List<MethodEntry> methods) {
	}

	/**
	 * One endpoint method.
	 *
	 * @param rpcNames an RPC method's names, as callers use them
	 * @param priorities a notification method's priorities
	 * @param javaMethod the Java method and its types
	 * @param namespace the RPC endpoint's namespace
	 * @param version the RPC endpoint's version
	 * @param kind {@code blocking} or {@code reactive}, from the return type
	 * @param runsOn {@code worker} or {@code greenio}, under the executor in force
	 * @param calls calls served (RPC, with observations)
	 * @param errors calls that failed (RPC, with observations)
	 * @param latency latency percentiles (RPC, once called)
	 * @param blockingCalls blocking calls caught on a greenio thread
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record MethodEntry(@Nullable List<String> rpcNames, @Nullable List<String> priorities, String javaMethod,
			@Nullable String namespace, @Nullable String version, String kind, String runsOn, @Nullable Long calls,
			@Nullable Long errors, @Nullable Latency latency, long blockingCalls) {
	}

	/**
	 * Latency percentiles over the last two minutes, in milliseconds.
	 *
	 * @param p50 the median
	 * @param p95 the 95th percentile
	 * @param p99 the 99th percentile
	 * @param max the longest
	 */
	public record Latency(double p50, double p95, double p99, double max) {
	}

	/**
	 * How far a server's migration has come.
	 *
	 * @param service as in {@link ServerEntry#service()}
	 * @param methods its endpoint methods
	 * @param reactive of which reactive
	 * @param blocking of which blocking, still to migrate
	 * @param allReactive whether every method is reactive: the server can switch to executor {@code reactive}
	 */
	public record Progress(String service, int methods, int reactive, int blocking, boolean allReactive) {
	}

}
