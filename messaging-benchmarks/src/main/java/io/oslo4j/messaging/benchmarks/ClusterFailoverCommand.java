package io.oslo4j.messaging.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code cluster-failover}: on the three-node RabbitMQ 4.3 cluster of
 * {@code interop/modern/peers.sh cluster} (started if it is not running), with the Kolla options,
 * Java greenio servers and one Python oslo.messaging 18.3 server on one topic, Java and Python
 * callers, a notifier publishing to a Java and a Python listener; then a fault ({@link Fault}) and
 * the figures of issue 17 as one JSON line.
 */
@Command(name = "cluster-failover", mixinStandardHelpOptions = true,
		description = { "Java and Python services on the three-node RabbitMQ 4.3 cluster of interop/modern/peers.sh",
				"through a node loss or a rolling restart; the figures as JSON. Run from the repository." })
final class ClusterFailoverCommand implements Callable<Integer> {

	/** What Kolla-Ansible writes into every service since 2025.1, with prefetch 50 as in 2026.1. */
	static final Map<String, String> KOLLA = kolla();

	@Spec
	private CommandSpec spec;

	@Option(names = "--fault", paramLabel = "FAULT", defaultValue = "kill-leader", converter = FaultConverter.class,
			description = "kill-leader (kill -9 of the node holding most quorum queue leaders), kill-connection (of the "
					+ "node most Java server connections use), rolling-restart, none. Default: ${DEFAULT-VALUE}")
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

	@Override
	public Integer call() throws Exception {
		ClusterNodes cluster = ClusterNodes.find();
		cluster.start();
		Scenario scenario = new Scenario(cluster, "cluster_" + MessageIds.newHexId().substring(0, 8));
		Map<String, @Nullable Object> result = scenario.run();
		this.spec.commandLine().getOut().println(Json.line(result));
		this.spec.commandLine().getOut().flush();
		return 0;
	}

	private static Map<String, String> kolla() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("rabbit_quorum_queue", "true");
		options.put("rabbit_transient_quorum_queue", "true");
		options.put("rabbit_stream_fanout", "true");
		options.put("use_queue_manager", "true");
		options.put("rabbit_qos_prefetch_count", "50");
		return options;
	}

	/** The fault the scenario survives. */
	enum Fault {

		KILL_LEADER, KILL_CONNECTION, ROLLING_RESTART, NONE;

	}

	static final class FaultConverter implements picocli.CommandLine.ITypeConverter<Fault> {

		@Override
		public Fault convert(String value) {
			return Fault.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}

	}

	/** One run: services up, load, fault, load, figures. */
	private final class Scenario {

		private final ClusterNodes cluster;

		private final String topic;

		private final String url;

		private final List<String> pythonOptions = new ArrayList<>();

		private final Map<String, @Nullable Object> result = new LinkedHashMap<>();

		Scenario(ClusterNodes cluster, String topic) {
			this.cluster = cluster;
			this.topic = topic;
			String exchange = "oslo4j_cluster";
			this.url = cluster.url() + "?" + KOLLA.entrySet().stream().map((option) -> option.getKey() + "=" + option.getValue())
				.collect(Collectors.joining("&")) + "&control_exchange=" + exchange;
			KOLLA.forEach((name, value) -> this.pythonOptions.addAll(List.of("--set", "oslo_messaging_rabbit." + name + "=" + value)));
			this.pythonOptions.addAll(List.of("--control-exchange", exchange));
		}

		Map<String, @Nullable Object> run() throws InterruptedException {
			ClusterFailoverCommand command = ClusterFailoverCommand.this;
			this.result.put("fault", command.fault.name().toLowerCase().replace('_', '-'));
			this.result.put("load", Map.of("java_servers", command.javaServers, "python_server", command.pythonServer,
					"java_callers", command.javaCallers, "python_callers", command.pythonCallers, "notifications",
					command.notifications, "call_timeout_s", command.timeout));
			FailoverServices.PythonProcess pythonServer = command.pythonServer ? python("server", "--server", "py1",
					"--notifications", this.topic + "_py").started(Duration.ofSeconds(120)) : null;
			List<FailoverServices.JavaServer> servers = new ArrayList<>();
			try (FailoverServices.JavaListener listener = new FailoverServices.JavaListener(this.url, this.topic + "_java")) {
				for (int i = 1; i <= command.javaServers; i++) {
					servers.add(new FailoverServices.JavaServer(this.url, this.topic, "java" + i));
				}
				Map<String, Integer> serverConnections = this.cluster.connectionsOfThisProcess();
				try (Transport clients = Transport.open(this.url)) {
					RpcClient client = RpcClient.create(clients, Target.topic(this.topic))
						.withTimeout(Duration.ofSeconds(command.timeout));
					FailoverCalls calls = new FailoverCalls(client);
					FailoverNotifications notifier = new FailoverNotifications(Notifier.builder(clients)
						.publisherId("cluster")
						.topics(this.topic + "_java", this.topic + "_py")
						.build());
					int seconds = command.before + faultSeconds() + command.after;
					FailoverServices.PythonProcess pythonCallers = (command.pythonCallers > 0) ? python("callers",
							"--concurrency", "" + command.pythonCallers, "--duration", "" + seconds, "--timeout",
							"" + command.timeout) : null;
					calls.start(command.javaCallers);
					notifier.start(command.notifications, Duration.ofSeconds(seconds));
					Thread.sleep(command.before * 1000L);
					this.result.put("leaders_before", this.cluster.leaders());
					this.result.put("java_connections_before", serverConnections);
					long faultStart = System.currentTimeMillis();
					long faultNanos = System.nanoTime();
					List<String> faulted = fault(serverConnections);
					long back = System.currentTimeMillis();
					Map<String, Long> servedAtReturn = FailoverServices.served(servers);
					Thread.sleep(command.after * 1000L);
					calls.stop(Duration.ofSeconds(command.timeout + 30L));
					notifier.await(Duration.ofSeconds(120));
					this.result.put("java_calls", calls.figures(faultNanos));
					this.result.put("python_calls", (pythonCallers != null)
							? pythonCallers.result(false, Duration.ofSeconds(command.timeout + 60L)) : null);
					awaitHandled(listener.received(), notifier.confirmed().size());
					JsonNode python = (pythonServer != null) ? pythonServer.result(true, Duration.ofSeconds(60)) : null;
					pythonServer = null;
					notifications(notifier, listener.received(), python);
					serving(servers, servedAtReturn, python, back);
					this.result.put("fault_seconds", Math.round((back - faultStart) / 100.0) / 10.0);
					this.result.put("restarted", restarted(faulted, back));
					this.result.put("leaders_after", this.cluster.leaders());
				}
			}
			finally {
				servers.forEach(FailoverServices.JavaServer::close);
				if (pythonServer != null) {
					pythonServer.result(true, Duration.ofSeconds(30));
				}
				this.cluster.deleteQueues(this.topic);
			}
			return this.result;
		}

		private FailoverServices.PythonProcess python(String mode, String... arguments) {
			List<String> all = new ArrayList<>(List.of(mode, "--url", this.url.substring(0, this.url.indexOf('?')),
					"--topic", this.topic));
			all.addAll(List.of(arguments));
			all.addAll(this.pythonOptions);
			return new FailoverServices.PythonProcess(this.cluster, all);
		}

		private int faultSeconds() {
			ClusterFailoverCommand command = ClusterFailoverCommand.this;
			return switch (command.fault) {
				case KILL_LEADER, KILL_CONNECTION -> command.down;
				case ROLLING_RESTART -> 3 * 20;
				case NONE -> 0;
			};
		}

		/** Applies the fault; returns the nodes it took down, once they are back. */
		private List<String> fault(Map<String, Integer> serverConnections) throws InterruptedException {
			ClusterFailoverCommand command = ClusterFailoverCommand.this;
			switch (command.fault) {
				case KILL_LEADER, KILL_CONNECTION -> {
					Map<String, Integer> weights = (command.fault == Fault.KILL_LEADER) ? this.cluster.leaders()
							: serverConnections;
					String node = weights.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
					this.cluster.kill(node);
					Thread.sleep(command.down * 1000L);
					this.cluster.restart(node);
					return List.of(node);
				}
				case ROLLING_RESTART -> {
					for (String node : ClusterNodes.NODES) {
						this.cluster.stop(node);
						this.cluster.restart(node);
						awaitClustered(node);
					}
					return ClusterNodes.NODES;
				}
				default -> {
					return List.of();
				}
			}
		}

		private void awaitClustered(String node) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!this.cluster.clustered(node) && System.nanoTime() - deadline < 0) {
				Thread.sleep(500);
			}
		}

		private void awaitHandled(FailoverNotifications.Received received, int confirmed) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (received.handled().size() < confirmed && System.nanoTime() - deadline < 0) {
				Thread.sleep(200);
			}
		}

		private void notifications(FailoverNotifications notifier, FailoverNotifications.Received java,
				@Nullable JsonNode python) {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("sent", ClusterFailoverCommand.this.notifications);
			figures.put("confirmed", notifier.confirmed().size());
			figures.put("send_failures_retried", notifier.sendFailures());
			figures.put("java_listener", FailoverNotifications.figures(notifier.confirmed(), java.handled(), java.duplicates()));
			if (python != null) {
				java.util.Set<Integer> handled = new java.util.HashSet<>();
				python.get("seqs").forEach((seq) -> handled.add(seq.asInt()));
				figures.put("python_listener",
						FailoverNotifications.figures(notifier.confirmed(), handled, python.get("duplicates").asLong()));
			}
			this.result.put("notifications", figures);
		}

		/** Calls each server served after the cluster was whole again: more than 0 means it serves without a restart. */
		private void serving(List<FailoverServices.JavaServer> servers, Map<String, Long> atReturn,
				@Nullable JsonNode python, long back) {
			Map<String, Long> servedAfter = new LinkedHashMap<>();
			FailoverServices.served(servers).forEach((name, total) -> servedAfter.put(name, total - atReturn.get(name)));
			if (python != null) {
				long count = 0;
				for (Map.Entry<String, JsonNode> second : python.get("served_per_second").properties()) {
					if (Long.parseLong(second.getKey()) * 1000 >= back) {
						count += second.getValue().asLong();
					}
				}
				servedAfter.put("py1", count);
			}
			this.result.put("served_after_return", servedAfter);
			this.result.put("servers_serving_again", servedAfter.values().stream().filter((count) -> count > 0).count()
					+ "/" + servedAfter.size());
		}

		/** For each node brought back: whether it is a running member again, and whether a call through it alone is answered. */
		private Map<String, Object> restarted(List<String> nodes, long back) {
			Map<String, Object> restarted = new LinkedHashMap<>();
			for (String node : nodes) {
				boolean answered;
				try (Transport alone = Transport.open(ClusterNodes.url(node) + this.url.substring(this.url.indexOf('?')))) {
					answered = RpcClient.create(alone, Target.topic(this.topic))
						.withTimeout(Duration.ofSeconds(ClusterFailoverCommand.this.timeout))
						.call(RequestContext.empty(), "echo", Map.of("value", 1), Integer.class) == 1;
				}
				catch (RuntimeException ex) {
					answered = false;
				}
				restarted.put(node, Map.of("rejoined", this.cluster.clustered(node), "call_through_it_answered", answered));
			}
			return restarted;
		}

	}

}
