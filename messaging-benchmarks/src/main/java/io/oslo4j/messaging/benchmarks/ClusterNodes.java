package io.oslo4j.messaging.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A three-node RabbitMQ 4.3 cluster of {@code interop/modern/peers.sh} and the forky root's
 * Python: every operation is the script's, so the shell, CI and the JVM start, kill and list the
 * same nodes the same way. Two clusters: {@link #loopback} ({@code peers.sh cluster}, nodes
 * {@code forky-c1..3} on 127.0.0.1:5681-5683) and {@link #inNamespaces} ({@code peers.sh
 * netns-cluster}, nodes {@code forky-p1..3} at 10.81.0.11-13:5672, each in a network namespace of
 * its own, so that one can be cut off).
 */
final class ClusterNodes {

	private static final long COMMAND_SECONDS = 180;

	private final Path script;

	private final String command;

	private ClusterNodes(Path script, String command) {
		this.script = script;
		this.command = command;
	}

	/** The loopback cluster of {@code interop/modern/peers.sh} in this folder or the nearest one above it. */
	static ClusterNodes loopback() {
		return new ClusterNodes(findScript(), "cluster");
	}

	/** The cluster whose nodes live in network namespaces ({@code peers.sh netns-cluster}). */
	static ClusterNodes inNamespaces() {
		return new ClusterNodes(findScript(), "netns-cluster");
	}

	private static Path findScript() {
		for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
			Path script = at.resolve("interop/modern/peers.sh");
			if (Files.isRegularFile(script)) {
				return script;
			}
		}
		throw new IllegalStateException("no interop/modern/peers.sh in " + Path.of("").toAbsolutePath()
				+ " or above it: run from the repository");
	}

	/** {@code cluster_peer.py}, the Python side of the scenario, beside the script's checkout. */
	Path pythonPeer() {
		return this.script.getParent().getParent().getParent().resolve("messaging-benchmarks/python/cluster_peer.py");
	}

	/**
	 * The Kolla option set of {@code interop/modern/kolla.conf} (oslo's names and values), the one
	 * the interop matrix uses too.
	 */
	Map<String, String> kollaOptions() {
		Path file = this.script.resolveSibling("kolla.conf");
		Properties options = new Properties();
		try (java.io.Reader reader = Files.newBufferedReader(file)) {
			options.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		Map<String, String> sorted = new TreeMap<>();
		options.stringPropertyNames().stream().filter((name) -> !name.startsWith("["))
			.forEach((name) -> sorted.put(name, options.getProperty(name)));
		return sorted;
	}

	/** Whether the forky root is built, so that {@link #start()} can start the cluster. */
	boolean rootBuilt() {
		String roots = System.getenv("OSLO4J_ROOTS");
		Path root = Path.of((roots != null && !roots.isBlank()) ? roots : "/var/lib/oslo4j/roots", "forky");
		return Files.isRegularFile(root.resolve(".oslo4j-ready"));
	}

	/** Starts the nodes that are not running and joins them; returns once all three answer. */
	void start() {
		run(this.command, "start");
	}

	/** Stops every node. */
	void stop() {
		run(this.command, "stop");
	}

	/** The nodes, in the script's order. */
	List<String> nodes() {
		return List.copyOf(status().keySet());
	}

	/** The running state of each node. */
	Map<String, Boolean> running() {
		Map<String, Boolean> running = new LinkedHashMap<>();
		status().forEach((node, fields) -> running.put(node, "running".equals(fields[3])));
		return running;
	}

	/** Each node's line of {@code status}: node, address (host:port), Erlang node name, state. */
	private Map<String, String[]> status() {
		Map<String, String[]> status = new LinkedHashMap<>();
		for (String line : run(this.command, "status").strip().split("\n")) {
			String[] fields = line.split(" ");
			status.put(fields[0], fields);
		}
		return status;
	}

	/** The transport URL naming the three nodes. */
	String url() {
		return run(this.command, "url").strip();
	}

	/** The URL of one node alone. */
	String url(String node) {
		return "rabbit://guest:guest@" + status().get(node)[1] + "/";
	}

	/** How many quorum queue leaders each node holds. */
	Map<String, Integer> leaders() {
		Map<String, Integer> leaders = new LinkedHashMap<>();
		for (String line : run(this.command, "leaders").strip().split("\n")) {
			String[] fields = line.split(" ");
			leaders.put(fields[0], Integer.parseInt(fields[1]));
		}
		return leaders;
	}

	/** {@code kill -9} of one node's Erlang VM. */
	void kill(String node) {
		run(this.command, "kill", node);
	}

	/** Stops one node gracefully. */
	void stop(String node) {
		run(this.command, "stop", node);
	}

	/** Starts one node again; returns once it answers. */
	void restart(String node) {
		run(this.command, "restart", node);
	}

	/** Cuts one node off the others and the clients (its link down): a partition. */
	void cut(String node) {
		run(this.command, "cut", node);
	}

	/** Brings a cut node's link up again. */
	void heal(String node) {
		run(this.command, "heal", node);
	}

	/** Whether the node lists all three nodes as running members of its cluster. */
	boolean clustered(String node) {
		String status = ctl(node, "-q", "--timeout", "10", "cluster_status");
		int running = status.indexOf("Running Nodes");
		String members = (running >= 0) ? status.substring(running) : "";
		return status().values().stream().allMatch((member) -> members.contains(member[2]));
	}

	/**
	 * The AMQP connections of this process (oslo4j names them {@code oslo4j:<pid>:...}) per node,
	 * as a running node lists them.
	 */
	Map<String, Integer> connectionsOfThisProcess() {
		Map<String, String[]> status = status();
		Map<String, Integer> connections = new LinkedHashMap<>();
		status.keySet().forEach((node) -> connections.put(node, 0));
		String node = running().entrySet().stream().filter(Map.Entry::getValue).findFirst().orElseThrow().getKey();
		String marker = "oslo4j:" + ProcessHandle.current().pid() + ":";
		for (String line : ctl(node, "-q", "--no-table-headers", "list_connections", "name", "client_properties")
			.split("\n")) {
			if (line.contains(marker)) {
				status.forEach((each, fields) -> {
					if (line.contains("-> " + fields[1])) {
						connections.merge(each, 1, Integer::sum);
					}
				});
			}
		}
		return connections;
	}

	/**
	 * Deletes the queues whose name starts with {@code prefix} (a run's topic), so that the leaders
	 * of old runs do not weigh in the next run's choice of a node; through the first running node.
	 */
	void deleteQueues(String prefix) {
		String node = running().entrySet().stream().filter(Map.Entry::getValue).findFirst().orElseThrow().getKey();
		for (String name : ctl(node, "-q", "--no-table-headers", "list_queues", "name").split("\n")) {
			if (name.strip().startsWith(prefix)) {
				ctl(node, "-q", "delete_queue", name.strip());
			}
		}
	}

	/** {@code rabbitmqctl} against one node. */
	String ctl(String node, String... arguments) {
		List<String> command = new ArrayList<>(List.of("ctl", node));
		command.addAll(List.of(arguments));
		return run(command.toArray(String[]::new));
	}

	/** Starts {@code cluster_peer.py} with these arguments in the forky root; its standard error goes to ours. */
	Process python(List<String> arguments) {
		List<String> command = new ArrayList<>(List.of("bash", this.script.toString(), "python", "forky", "-"));
		command.addAll(arguments);
		try {
			return new ProcessBuilder(command).redirectInput(pythonPeer().toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + String.join(" ", command), ex);
		}
	}

	private String run(String... arguments) {
		List<String> command = new ArrayList<>(List.of("bash", this.script.toString()));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + String.join(" ", command), ex);
		}
	}

}
