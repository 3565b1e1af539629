package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ 4 nodes of the Debian roots that {@code interop/modern/peers.sh} builds and starts
 * (reference {@code oslo-messaging-modern.md}, section 1), for the rabbit driver's tests of the
 * topology options: a transport URL, {@code rabbitmqctl} through the script, a plain amqp-client
 * connection, and the root's Python (oslo.messaging 16.1 or 18.3) for scripts of the test's own.
 *
 * <p>A test on a node that does not answer is skipped with the command that starts it, unless
 * {@code RABBITMQ_SERVER_REQUIRED=true}; the roots are {@code /var/lib/oslo4j/roots} unless
 * {@code OSLO4J_ROOTS} names another folder, as for the script.
 */
public enum ModernNode {

	/** RabbitMQ 4.0.5 and oslo.messaging 16.1 (Debian trixie). */
	TRIXIE("trixie", "trixie", 5673),

	/** RabbitMQ 4.3.6 and oslo.messaging 18.3 (Debian forky). */
	FORKY("forky", "forky", 5674),

	/** RabbitMQ 4.3.6 that denies the deprecated feature {@code transient_nonexcl_queues}. */
	FORKY_STRICT("forky-strict", "forky", 5675);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final String node;

	private final String root;

	private final int port;

	ModernNode(String node, String root, int port) {
		this.node = node;
		this.root = root;
		this.port = port;
	}

	/** Skips the calling test when this node does not answer, or fails it when a broker is required. */
	public void assumeRunning() {
		String problem = null;
		try (Connection connection = openConnection()) {
			if (!connection.isOpen()) {
				problem = "the connection closed at once";
			}
		}
		catch (IOException | RuntimeException ex) {
			problem = (ex.getCause() != null) ? ex.getCause().toString() : ex.toString();
		}
		if (problem == null && !Files.isRegularFile(script())) {
			problem = "no " + script();
		}
		if (problem != null) {
			String message = "RabbitMQ node " + this.node + " does not answer on 127.0.0.1:" + this.port + " ("
					+ problem + "); start it with `bash interop/modern/peers.sh start " + this.root + "`";
			if (RabbitTestSupport.isRequired()) {
				Assertions.fail(message + ", or unset " + RabbitTestSupport.REQUIRED_VARIABLE + " to skip");
			}
			Assumptions.abort(message);
		}
	}

	/** The node's transport URL with these options in its query. */
	public TransportUrl url(Map<String, String> options) {
		return TransportUrl.parse(urlText(options));
	}

	/** The node's transport URL with these options in its query, password included, for a Python peer. */
	public String urlText(Map<String, String> options) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		options.forEach((key, value) -> query.add(key + "=" + value));
		return "rabbit://guest:guest@127.0.0.1:" + this.port + "/" + query;
	}

	/** The Debian root of this node. */
	public Path root() {
		String roots = System.getenv("OSLO4J_ROOTS");
		return Path.of((roots != null && !roots.isBlank()) ? roots : "/var/lib/oslo4j/roots", this.root);
	}

	/** {@code rabbitmqctl -q --formatter json <arguments>} on this node: the rows it lists. */
	public List<JsonNode> list(String... arguments) {
		List<String> command = new ArrayList<>(List.of("bash", script().toString(), "ctl", this.node, "-q",
				"--formatter", "json"));
		command.addAll(List.of(arguments));
		String output = run(command, 60);
		List<JsonNode> rows = new ArrayList<>();
		mapper.readTree(output.isBlank() ? "[]" : output).forEach(rows::add);
		return rows;
	}

	/** {@code rabbitmqctl <arguments>} on this node, its output. */
	public String ctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("bash", script().toString(), "ctl", this.node));
		command.addAll(List.of(arguments));
		return run(command, 60);
	}

	/**
	 * Closes the connections whose client-provided name starts with this prefix, as a broker
	 * restart or a network failure would.
	 * @return how many were closed
	 */
	public int closeConnections(String namePrefix) {
		// the JSON formatter prints pids in a form close_connection does not take back
		int closed = 0;
		String marker = "{\"connection_name\",\"" + namePrefix;
		for (String line : ctl("-q", "--no-table-headers", "list_connections", "pid", "client_properties").split("\n")) {
			if (line.contains(marker)) {
				ctl("close_connection", line.substring(0, line.indexOf('\t')), "closed by an oslo4j test");
				closed++;
			}
		}
		return closed;
	}

	/** A new amqp-client connection to the node; the caller closes it. */
	public Connection openConnection() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(this.port);
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setConnectionTimeout(2000);
		factory.setAutomaticRecoveryEnabled(false);
		try {
			return factory.newConnection("oslo4j-tests");
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("cannot connect to node " + this.node + " on port " + this.port, ex);
		}
	}

	/** Deletes queues and exchanges, each on a channel of its own, ignoring those that do not exist. */
	public void delete(Collection<String> queues, Collection<String> exchanges) {
		try (Connection connection = openConnection()) {
			for (String queue : queues) {
				try (Channel channel = connection.createChannel()) {
					channel.queueDelete(queue);
				}
				catch (IOException | TimeoutException | RuntimeException ex) {
					// gone already
				}
			}
			for (String exchange : exchanges) {
				try (Channel channel = connection.createChannel()) {
					channel.exchangeDelete(exchange);
				}
				catch (IOException | TimeoutException | RuntimeException ex) {
					// gone already
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the node went away: nothing to clean
		}
	}

	/**
	 * Starts a Python script of the test resources with the root's interpreter, in a process group
	 * of its own (as a service of the host would be).
	 * @param resource the script, a class-path resource
	 * @param environment {@code NAME=value} pairs for the script
	 */
	public Process python(String resource, List<String> environment, String... arguments) {
		String name = "oslo4j-" + Path.of(resource).getFileName();
		try (InputStream script = ModernNode.class.getResourceAsStream(resource)) {
			if (script == null) {
				throw new IllegalStateException("no resource " + resource);
			}
			Files.write(root().resolve("tmp").resolve(name), script.readAllBytes());
			List<String> command = new ArrayList<>(List.of("setsid", "chroot", root().toString(), "env"));
			command.addAll(environment);
			command.addAll(List.of("/usr/bin/python3", "/tmp/" + name));
			command.addAll(List.of(arguments));
			return new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + resource + " in " + root(), ex);
		}
	}

	private static Path script() {
		Path directory = Path.of("").toAbsolutePath();
		for (Path at = directory; at != null; at = at.getParent()) {
			Path script = at.resolve("interop/modern/peers.sh");
			if (Files.isRegularFile(script)) {
				return script;
			}
		}
		return directory.resolve("interop/modern/peers.sh");
	}

	private static String run(List<String> command, int seconds) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
			byte[] output = process.getInputStream().readAllBytes();
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + errors);
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " cannot run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(String.join(" ", command) + " interrupted", ex);
		}
	}

	@Override
	public String toString() {
		return this.node + " (127.0.0.1:" + this.port + ")";
	}

}
