package io.oslo4j.messaging.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One run of {@code cluster-failover}: the services up, load, the fault, more load, the figures.
 */
final class FailoverScenario {
	private final ClusterNodes cluster;

	private final String topic;

	private final String url;

	private final List<String> pythonOptions = new ArrayList<>();

	private final Map<String, @Nullable Object> result = new LinkedHashMap<>();

	private final Load load;

	/** When the fault was applied ({@link System#nanoTime()}): the node cut off or killed, not chosen. */
	private long faultNanos;

	FailoverScenario(ClusterNodes cluster, String topic, Load load) {
		this.cluster = cluster;
		this.topic = topic;
		this.load = load;
		String exchange = "oslo4j_cluster";
		StringBuilder query = new StringBuilder();
		cluster.kollaOptions().forEach((name, value) -> {
			query.append(name).append('=').append(value).append('&');
			this.pythonOptions.addAll(List.of("--set", "oslo_messaging_rabbit." + name + "=" + value));
		});
		if (load.heartbeat() != null) {
			query.append("heartbeat_timeout_threshold=").append(load.heartbeat()).append('&');
			this.pythonOptions.addAll(List.of("--set", "oslo_messaging_rabbit.heartbeat_timeout_threshold=" + load.heartbeat()));
		}
		this.url = cluster.url() + "?" + query + "control_exchange=" + exchange;
		this.pythonOptions.addAll(List.of("--control-exchange", exchange));
	}

	Map<String, @Nullable Object> run() throws InterruptedException {
		this.result.put("fault", this.load.fault().name().toLowerCase().replace('_', '-'));
		this.result.put("load", Map.of("java_servers", this.load.javaServers(), "python_server", this.load.pythonServer(),
				"java_callers", this.load.javaCallers(), "python_callers", this.load.pythonCallers(), "notifications",
				this.load.notifications(), "call_timeout_s", this.load.timeout(), "heartbeat_timeout_threshold_s",
				(this.load.heartbeat() != null) ? this.load.heartbeat() : "oslo's default"));
		FailoverServices.PythonProcess pythonServer = this.load.pythonServer() ? python("server", "--server", "py1",
				"--notifications", this.topic + "_py").started(Duration.ofSeconds(120)) : null;
		List<FailoverServices.JavaServer> servers = new ArrayList<>();
		try (FailoverServices.JavaListener listener = new FailoverServices.JavaListener(this.url, this.topic + "_java")) {
			for (int i = 1; i <= this.load.javaServers(); i++) {
				servers.add(new FailoverServices.JavaServer(this.url, this.topic, "java" + i));
			}
			Map<String, Integer> serverConnections = this.cluster.connectionsOfThisProcess();
			try (Transport clients = Transport.open(this.url)) {
				RpcClient client = RpcClient.create(clients, Target.topic(this.topic))
					.withTimeout(Duration.ofSeconds(this.load.timeout()));
				FailoverCalls calls = new FailoverCalls(client);
				FailoverNotifications notifier = new FailoverNotifications(Notifier.builder(clients)
					.publisherId("cluster")
					.topics(this.topic + "_java", this.topic + "_py")
					.build());
				int seconds = this.load.before() + faultSeconds() + this.load.after();
				FailoverServices.PythonProcess pythonCallers = (this.load.pythonCallers() > 0) ? python("callers",
						"--concurrency", "" + this.load.pythonCallers(), "--duration", "" + seconds, "--timeout",
						"" + this.load.timeout()) : null;
				calls.start(this.load.javaCallers());
				notifier.start(this.load.notifications(), Duration.ofSeconds(seconds));
				Thread.sleep(this.load.before() * 1000L);
				this.result.put("leaders_before", this.cluster.leaders());
				this.result.put("java_connections_before", serverConnections);
				// the callers', the notifier's and the listener's connections as well
				this.result.put("all_java_connections_at_fault", this.cluster.connectionsOfThisProcess());
				long faultStart = System.currentTimeMillis();
				this.faultNanos = System.nanoTime();
				List<String> faulted = fault(serverConnections);
				long back = System.currentTimeMillis();
				Map<String, Long> servedAtReturn = FailoverServices.served(servers);
				Thread.sleep(this.load.after() * 1000L);
				calls.stop(Duration.ofSeconds(this.load.timeout() + 30L));
				notifier.await(Duration.ofSeconds(120));
				this.result.put("java_calls", calls.figures(this.faultNanos));
				this.result.put("python_calls", (pythonCallers != null)
						? pythonCallers.result(false, Duration.ofSeconds(this.load.timeout() + 60L)) : null);
				awaitHandled(listener.received(), notifier.confirmed().size());
				JsonNode python = (pythonServer != null) ? pythonServer.result(true, Duration.ofSeconds(60)) : null;
				pythonServer = null;
				notifications(notifier, listener.received(), python);
				serving(servers, servedAtReturn, python, back);
				this.result.put("fault_seconds", Math.round((back - faultStart) / 100.0) / 10.0);
				this.result.put((this.load.fault() == ClusterFailoverCommand.Fault.PARTITION) ? "healed" : "restarted",
						restarted(faulted, back));
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
		return switch (this.load.fault()) {
			case KILL_LEADER, KILL_CONNECTION, PARTITION -> this.load.down();
			case ROLLING_RESTART -> 3 * 20;
			case NONE -> 0;
		};
	}

	/** Applies the fault; returns the nodes it took down, once they are back. */
	private List<String> fault(Map<String, Integer> serverConnections) throws InterruptedException {
		switch (this.load.fault()) {
			case KILL_LEADER, KILL_CONNECTION -> {
				boolean leader = this.load.fault() == ClusterFailoverCommand.Fault.KILL_LEADER;
				Map<String, Integer> weights = leader ? this.cluster.leaders() : serverConnections;
				String node = mostLeaders(weights);
				this.faultNanos = System.nanoTime();
				this.cluster.kill(node);
				Thread.sleep(this.load.down() * 1000L);
				this.cluster.restart(node);
				return List.of(node);
			}
			case PARTITION -> {
				String node = mostLeaders(this.cluster.leaders());
				this.faultNanos = System.nanoTime();
				this.cluster.cut(node);
				Thread.sleep(this.load.down() * 1000L);
				this.cluster.heal(node);
				awaitClustered(node);
				return List.of(node);
			}
			case ROLLING_RESTART -> {
				List<String> nodes = this.cluster.nodes();
				for (String node : nodes) {
					this.cluster.stop(node);
					this.cluster.restart(node);
					awaitClustered(node);
				}
				return nodes;
			}
			default -> {
				return List.of();
			}
		}
	}

	private static String mostLeaders(Map<String, Integer> weights) {
		return weights.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
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
		figures.put("sent", this.load.notifications());
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

	/** For each node brought back (restarted or healed): whether it is a running member again, and whether a call through it alone is answered. */
	private Map<String, Object> restarted(List<String> nodes, long back) {
		Map<String, Object> restarted = new LinkedHashMap<>();
		for (String node : nodes) {
			boolean answered;
			try (Transport alone = Transport.open(this.cluster.url(node) + this.url.substring(this.url.indexOf('?')))) {
				answered = RpcClient.create(alone, Target.topic(this.topic))
					.withTimeout(Duration.ofSeconds(this.load.timeout()))
					.call(RequestContext.empty(), "echo", Map.of("value", 1), Integer.class) == 1;
			}
			catch (RuntimeException ex) {
				answered = false;
			}
			restarted.put(node, Map.of("rejoined", this.cluster.clustered(node), "call_through_it_answered", answered));
		}
		return restarted;
	}

	/** The load and the fault of a run, as the command's options give them. */
	record Load(ClusterFailoverCommand.Fault fault, int javaServers, boolean pythonServer, int javaCallers,
			int pythonCallers, int notifications, int before, int down, int after, int timeout,
			@Nullable Integer heartbeat) {
	}

}
