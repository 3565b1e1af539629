package io.oslo4j.messaging.benchmarks;

import java.util.Map;
import java.util.concurrent.Callable;

import io.oslo4j.messaging.wire.MessageIds;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cluster-failover}: on the three-node RabbitMQ 4.3 cluster of
 * {@code interop/modern/peers.sh cluster} (started if it is not running), with the Kolla options,
 * Java greenio servers and one Python oslo.messaging 18.3 server on one topic, Java and Python
 * callers, a notifier publishing to a Java and a Python listener; then a fault ({@link Fault}) and
 * the figures of issue 17 as one JSON line. The partition runs on {@code peers.sh netns-cluster},
 * whose nodes can be cut off.
 */
@Command(name = "cluster-failover", mixinStandardHelpOptions = true,
		description = { "Java and Python services on the three-node RabbitMQ 4.3 cluster of interop/modern/peers.sh",
				"through a node loss, a rolling restart or a partition; the figures as JSON. Run from the repository." })
final class ClusterFailoverCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--fault", paramLabel = "FAULT", defaultValue = "kill-leader", converter = FaultConverter.class,
			description = "kill-leader (kill -9 of the node holding most quorum queue leaders), kill-connection (of the "
					+ "node most Java server connections use), rolling-restart, partition (the node holding most "
					+ "leaders cut off for --down seconds, on the cluster of `peers.sh netns-cluster`), none. "
					+ "Default: ${DEFAULT-VALUE}")
	private Fault fault;

	@Option(names = "--java-servers", paramLabel = "N", defaultValue = "3",
			description = "Java greenio servers. Default: ${DEFAULT-VALUE}")
	private int javaServers;

	@Option(names = "--python-server", negatable = true, defaultValue = "true", fallbackValue = "true",
			description = "Whether a Python server serves the topic too. Default: ${DEFAULT-VALUE}")
	private boolean pythonServer;

	@Option(names = "--java-callers", paramLabel = "N", defaultValue = "64",
			description = "Concurrent Java callers. Default: ${DEFAULT-VALUE}")
	private int javaCallers;

	@Option(names = "--python-callers", paramLabel = "N", defaultValue = "16",
			description = "Python caller threads (one process). Default: ${DEFAULT-VALUE}")
	private int pythonCallers;

	@Option(names = "--notifications", paramLabel = "N", defaultValue = "10000",
			description = "Notifications sent, spread over the run. Default: ${DEFAULT-VALUE}")
	private int notifications;

	@Option(names = "--before", paramLabel = "SECONDS", defaultValue = "15",
			description = "Load before the fault. Default: ${DEFAULT-VALUE}")
	private int before;

	@Option(names = "--down", paramLabel = "SECONDS", defaultValue = "20",
			description = "How long a killed node stays down. Default: ${DEFAULT-VALUE}")
	private int down;

	@Option(names = "--after", paramLabel = "SECONDS", defaultValue = "30",
			description = "Load after the node is back. Default: ${DEFAULT-VALUE}")
	private int after;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
			description = "Timeout of each call. Default: ${DEFAULT-VALUE}")
	private int timeout;

	@Option(names = "--heartbeat", paramLabel = "SECONDS",
			description = "heartbeat_timeout_threshold of every Java and Python connection (how soon a connection to a "
					+ "node that went silent is found dead). Default: oslo's (60 s)")
	private @Nullable Integer heartbeat;

	@Override
	public Integer call() throws Exception {
		ClusterNodes cluster = (this.fault == Fault.PARTITION) ? ClusterNodes.inNamespaces() : ClusterNodes.loopback();
		cluster.start();
		FailoverScenario.Load load = new FailoverScenario.Load(this.fault, this.javaServers, this.pythonServer,
				this.javaCallers, this.pythonCallers, this.notifications, this.before, this.down, this.after, this.timeout,
				this.heartbeat);
		Map<String, @Nullable Object> result = new FailoverScenario(cluster, "cluster_" + MessageIds.newHexId()
			.substring(0, 8), load).run();
		this.spec.commandLine().getOut().println(Json.line(result));
		this.spec.commandLine().getOut().flush();
		return 0;
	}

	/** The fault the scenario survives. */
	enum Fault {

		KILL_LEADER, KILL_CONNECTION, ROLLING_RESTART, PARTITION, NONE;

	}

	static final class FaultConverter implements picocli.CommandLine.ITypeConverter<Fault> {

		@Override
		public Fault convert(String value) {
			return Fault.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}

	}

}
