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
 * The three-node RabbitMQ 4.3 cluster of {@code interop/modern/peers.sh cluster} (nodes
 * {@code forky-c1..3} on 127.0.0.1:5681-5683) and the forky root's Python: every operation is the
 * script's, so the shell, CI and the JVM start, kill and list the same nodes the same way.
 */
final class ClusterNodes {

	/** The nodes, in the script's order. */
	static final List<String> NODES = List.of("forky-c1", "forky-c2", "forky-c3");

	private static final long COMMAND_SECONDS = 180;

	private final Path script;

	private ClusterNodes(Path script) {
		this.script = script;
	}

	/** The cluster of {@code interop/modern/peers.sh} in this folder or the nearest one above it. */
	static ClusterNodes find() {
		for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
			Path script = at.resolve("interop/modern/peers.sh");
			if (Files.isRegularFile(script)) {
				return new ClusterNodes(script);
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
		run("cluster", "start");
	}

	/** Stops every node. */
	void stop() {
		run("cluster", "stop");
	}

	/** The running state of each node. */
	Map<String, Boolean> running() {
		Map<String, Boolean> running = new LinkedHashMap<>();
		for (String line : run("cluster", "status").strip().split("\n")) {
			String[] fields = line.split(" ");
			running.put(fields[0], "running".equals(fields[2]));
		}
		return running;
	}

	/** The transport URL naming the three nodes. */
	String url() {
		return run("cluster", "url").strip();
	}

	/** The URL of one node alone. */
	static String url(String node) {
		return "rabbit://guest:guest@127.0.0.1:" + port(node) + "/";
	}

	static int port(String node) {
		return 5680 + Integer.parseInt(node.substring(node.length() - 1));
	}

	/** How many quorum queue leaders each node holds. */
	Map<String, Integer> leaders() {
		Map<String, Integer> leaders = new LinkedHashMap<>();
		for (String line : run("cluster", "leaders").strip().split("\n")) {
			String[] fields = line.split(" ");
			leaders.put(fields[0], Integer.parseInt(fields[1]));
		}
		return leaders;
	}

	/** {@code kill -9} of one node's Erlang VM. */
	void kill(String node) {
		run("cluster", "kill", node);
	}

	/** Stops one node gracefully. */
	void stop(String node) {
		run("cluster", "stop", node);
	}

	/** Starts one node again; returns once it answers. */
	void restart(String node) {
		run("cluster", "restart", node);
	}

	/** Whether the node lists all three nodes as running members of its cluster. */
	boolean clustered(String node) {
		String status = ctl(node, "-q", "cluster_status");
		int running = status.indexOf("Running Nodes");
		String members = (running >= 0) ? status.substring(running) : "";
		return NODES.stream().allMatch((member) -> members.contains(member + "@localhost"));
	}

	/**
	 * The AMQP connections of this process (oslo4j names them {@code oslo4j:<pid>:...}) per node,
	 * as a running node lists them.
	 */
	Map<String, Integer> connectionsOfThisProcess() {
		Map<String, Integer> connections = new LinkedHashMap<>();
		NODES.forEach((node) -> connections.put(node, 0));
		String node = running().entrySet().stream().filter(Map.Entry::getValue).findFirst().orElseThrow().getKey();
		String marker = "oslo4j:" + ProcessHandle.current().pid() + ":";
		for (String line : ctl(node, "-q", "--no-table-headers", "list_connections", "name", "client_properties")
			.split("\n")) {
			if (line.contains(marker)) {
				NODES.stream()
					.filter((each) -> line.contains("-> 127.0.0.1:" + port(each)))
					.forEach((each) -> connections.merge(each, 1, Integer::sum));
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
