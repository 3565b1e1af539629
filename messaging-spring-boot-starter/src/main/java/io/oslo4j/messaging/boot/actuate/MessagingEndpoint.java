package io.oslo4j.messaging.boot.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.actuate.MessagingDescriptor.Latency;
import io.oslo4j.messaging.boot.actuate.MessagingDescriptor.MethodEntry;
import io.oslo4j.messaging.boot.actuate.MessagingDescriptor.Progress;
import io.oslo4j.messaging.boot.actuate.MessagingDescriptor.ServerEntry;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code messaging} Actuator endpoint: the board of a migration from blocking to reactive
 * endpoint methods. It lists every RPC server and notification listener with its executor and
 * in-flight lanes, every endpoint method with its kind ({@code blocking} or {@code reactive}, from
 * its return type), where it runs under the executor in force, its calls, errors, latency and the
 * blocking calls it was caught making, and per service how many of its methods are reactive.
 *
 * @since 0.2
 */
@Endpoint(id = "messaging")
public class MessagingEndpoint {

	private final Supplier<? extends Collection<? extends MessagingServer>> servers;

	private final @Nullable MethodStatistics statistics;

	/**
	 * @param servers the servers to show, in order
	 * @param statistics the figures of RPC methods; null shows none
	 */
	public MessagingEndpoint(Supplier<? extends Collection<? extends MessagingServer>> servers,
			@Nullable MethodStatistics statistics) {
		this.servers = servers;
		this.statistics = statistics;
	}

	@ReadOperation
	public MessagingDescriptor messaging() {
		List<ServerEntry> entries = new ArrayList<>();
		List<Progress> summary = new ArrayList<>();
		for (MessagingServer server : this.servers.get()) {
			ServerDescription description = server.describe();
			ServerEntry entry = entry(description);
			entries.add(entry);
			long reactive = description.methods().stream().filter(ServerDescription.Method::reactive).count();
			summary.add(new Progress(entry.service(), description.methods().size(), (int) reactive,
					description.methods().size() - (int) reactive, reactive == description.methods().size()));
		}
		return new MessagingDescriptor(entries, summary);
	}

	private ServerEntry entry(ServerDescription description) {
		boolean rpc = description.type() == ServerDescription.Type.RPC_SERVER;
		List<@Nullable String> topics = description.targets().stream().map(Target::topic).toList();
		Target first = description.targets().get(0);
		String service = rpc ? String.valueOf(first.topic())
				: String.join(",", topics.stream().map(String::valueOf).toList());
		List<MethodEntry> methods = description.methods()
			.stream()
			.map((method) -> method(method, rpc ? first : null))
			.toList();
		return new ServerEntry(rpc ? "rpc-server" : "notification-listener", service,
				rpc ? first.topic() : null, rpc ? first.server() : null, rpc ? null : topics,
				description.executor().configName(), description.lanes(), methods);
	}

	private MethodEntry method(ServerDescription.Method method, @Nullable Target rpcServer) {
		MethodStatistics.Figures figures = (this.statistics != null && rpcServer != null)
				? this.statistics.figures(rpcServer, method.javaMethod()) : null;
		// Without statistics, or for notifications, there are no figures to show; before a first call, zero.
		boolean figured = this.statistics != null && rpcServer != null;
		Long calls = (figures != null) ? Long.valueOf(figures.calls()) : figured ? Long.valueOf(0) : null;
		Long errors = (figures != null) ? Long.valueOf(figures.errors()) : figured ? Long.valueOf(0) : null;
		return new MethodEntry((rpcServer != null) ? method.names() : null, (rpcServer == null) ? method.names() : null,
				method.signature(), method.namespace(), method.version(), method.reactive() ? "reactive" : "blocking",
				method.onWorker() ? ServerDescription.WORKER_LANE : ServerDescription.GREENIO_LANE, calls, errors,
				(figures != null) ? new Latency(tenths(figures.p50()), tenths(figures.p95()), tenths(figures.p99()),
						tenths(figures.max())) : null,
				method.blockingCalls());
	}

	/** A tenth of a millisecond is finer than percentiles kept by histogram buckets tell apart. */
	private static double tenths(double millis) {
		return Math.round(millis * 10) / 10.0;
	}

}
