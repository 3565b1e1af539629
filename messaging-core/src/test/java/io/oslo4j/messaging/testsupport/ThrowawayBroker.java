package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.wire.MessageIds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A RabbitMQ node of a test's own, for what the shared broker must never see: restarts, freezes,
 * TLS, configuration and policies. It runs on loopback ports of its own, with its own node name,
 * Erlang cookie, data and log folders under a temporary folder; it can restart its application
 * ({@link #stopApp()}, {@link #startApp()}) or its process ({@link #stopNode()},
 * {@link #startNode()}, keeping its data), and freeze its VM ({@link #freeze()}, {@link #thaw()});
 * {@link #close()} stops and deletes it (call it from {@code @AfterAll}; a JVM shutdown hook kills
 * it too if the test run dies first).
 *
 * <pre>{@code
 * static ThrowawayBroker broker;
 *
 * @BeforeAll
 * static void startBroker() {
 *     broker = ThrowawayBroker.builder("faults").start();
 * }
 *
 * @AfterAll
 * static void stopBroker() {
 *     broker.close();
 * }
 * }</pre>
 *
 * <p>The node is started with the RabbitMQ scripts themselves, not the distribution's
 * {@code /usr/sbin} wrappers (which switch to the {@code rabbitmq} user and its cookie): from
 * {@code RABBITMQ_SCRIPTS_DIR}, {@code /usr/lib/rabbitmq/bin} (Debian, Ubuntu) by default. The
 * environment variables it sets are the ones {@code rabbitmq-env} documents ({@code RABBITMQ_NODENAME},
 * {@code RABBITMQ_NODE_PORT}, {@code RABBITMQ_DIST_PORT}, {@code RABBITMQ_MNESIA_BASE},
 * {@code RABBITMQ_LOG_BASE}, {@code RABBITMQ_CONFIG_FILE}, {@code RABBITMQ_CONF_ENV_FILE},
 * {@code RABBITMQ_ENABLED_PLUGINS_FILE}), so the system's {@code /etc/rabbitmq} is never read. Without
 * the scripts the calling test is skipped, or fails when {@code RABBITMQ_SERVER_REQUIRED=true}.
 */
public final class ThrowawayBroker implements AutoCloseable {

	/** Where the RabbitMQ scripts are, when {@code RABBITMQ_SCRIPTS_DIR} does not say. */
	public static final String DEFAULT_SCRIPTS_DIR = "/usr/lib/rabbitmq/bin";

	private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final String nodeName;

	private final Path directory;

	private final Path scripts;

	private final int port;

	private final int tlsPort;

	private final Map<String, String> environment;

	private final Thread killer;

	private @Nullable Process process;

	private ThrowawayBroker(Builder builder, Path directory, Path scripts) throws IOException {
		this.nodeName = "oslo4j-" + builder.name + "-" + MessageIds.newHexId().substring(0, 8) + "@localhost";
		this.directory = directory;
		this.scripts = scripts;
		this.port = freePort();
		this.tlsPort = (builder.tls != null) ? freePort() : 0;
		int distributionPort = freePort();
		Path home = Files.createDirectories(directory.resolve("home"));
		Path cookie = home.resolve(".erlang.cookie");
		Files.writeString(cookie, MessageIds.newHexId().toUpperCase());
		Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
		Path config = directory.resolve("rabbitmq.conf");
		Files.write(config, configuration(builder));
		Path envFile = directory.resolve("rabbitmq-env.conf");
		Files.writeString(envFile, "");
		Path plugins = directory.resolve("enabled_plugins");
		Files.writeString(plugins, "[" + String.join(",", builder.plugins) + "].\n");
		Map<String, String> env = new LinkedHashMap<>();
		env.put("HOME", home.toString());
		env.put("RABBITMQ_CONF_ENV_FILE", envFile.toString());
		env.put("RABBITMQ_NODENAME", this.nodeName);
		env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
		env.put("RABBITMQ_NODE_PORT", Integer.toString(this.port));
		env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
		env.put("RABBITMQ_MNESIA_BASE", Files.createDirectories(directory.resolve("mnesia")).toString());
		env.put("RABBITMQ_LOG_BASE", Files.createDirectories(directory.resolve("log")).toString());
		env.put("RABBITMQ_CONFIG_FILE", config.toString());
		env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
		env.put("RABBITMQ_PID_FILE", directory.resolve("node.pid").toString());
		env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
		env.put("ERL_FLAGS", "-kernel inet_dist_use_interface {127,0,0,1}");
		this.environment = Map.copyOf(env);
		this.killer = new Thread(this::kill, "throwaway-broker-killer");
	}

	/** A node to configure; {@code name} goes into its node name. */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/** The node's name, {@code oslo4j-<name>-<hex>@localhost}. */
	public String nodeName() {
		return this.nodeName;
	}

	/** The AMQP port, on 127.0.0.1. */
	public int port() {
		return this.port;
	}

	/** The TLS port, on 127.0.0.1; 0 without TLS. */
	public int tlsPort() {
		return this.tlsPort;
	}

	/** {@code rabbit://guest:guest@localhost:<port>/} with these options in its query. */
	public String url(Map<String, String> options) {
		return url("localhost", this.port, options);
	}

	/** A URL of the node's TLS listener, on the given host name, with these options. */
	public String tlsUrl(String host, Map<String, String> options) {
		return url(host, this.tlsPort, options);
	}

	private static String url(String host, int port, Map<String, String> options) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		options.forEach((key, value) -> query.add(key + "=" + value));
		return "rabbit://guest:guest@" + host + ":" + port + "/" + query;
	}

	/** Stops the RabbitMQ application; the Erlang node keeps running (its ports close). */
	public void stopApp() {
		ctl("stop_app");
	}

	/** Starts the RabbitMQ application again; returns once it accepts connections. */
	public void startApp() {
		ctl("start_app");
		awaitListening();
	}

	/** Stops the node's process entirely (as a host reboot would); {@link #startNode()} starts it again. */
	public void stopNode() {
		Process current = this.process;
		ctl("stop");
		if (current != null) {
			awaitExit(current);
		}
		this.process = null;
	}

	/** Starts the node's process (with the same data: durable queues and persistent messages survive). */
	public void startNode() {
		ProcessBuilder builder = new ProcessBuilder(this.scripts.resolve("rabbitmq-server").toString())
			.directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("console.log").toFile()));
		try {
			this.process = start(builder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + this.scripts.resolve("rabbitmq-server"), ex);
		}
		awaitListening();
	}

	private Process start(ProcessBuilder builder) throws IOException {
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((key) -> key.startsWith("RABBITMQ_") || key.startsWith("ERL_"));
		env.putAll(this.environment);
		return builder.start();
	}

	/**
	 * Freezes the node's Erlang VM ({@code SIGSTOP}), as a hung host or a network partition looks to
	 * clients: connections stay open but nothing answers, and new TCP connections are accepted by
	 * the kernel but never greeted. {@link #thaw()} resumes it.
	 */
	public void freeze() {
		signalVm("-STOP");
	}

	/** Resumes a frozen node ({@code SIGCONT}). */
	public void thaw() {
		signalVm("-CONT");
	}

	private void signalVm(String signal) {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException("the node is not running");
		}
		List<ProcessHandle> vms = current.descendants()
			.filter((handle) -> handle.info().command().map((command) -> command.contains("beam")).orElse(false))
			.toList();
		if (vms.isEmpty()) {
			throw new IllegalStateException("no Erlang VM among the processes of " + this.nodeName);
		}
		for (ProcessHandle vm : vms) {
			try {
				Process kill = new ProcessBuilder("kill", signal, Long.toString(vm.pid())).redirectErrorStream(true).start();
				if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
					throw new IllegalStateException("kill " + signal + " " + vm.pid() + " failed");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
	}

	/** Runs {@code rabbitmqctl -n <node>} with the arguments; returns its output. */
	public String ctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of(this.scripts.resolve("rabbitmqctl").toString(), "-n",
				this.nodeName));
		command.addAll(List.of(arguments));
		try {
			Process ctl = start(new ProcessBuilder(command).directory(this.directory.toFile()).redirectErrorStream(true));
			ctl.getOutputStream().close();
			byte[] output = ctl.getInputStream().readAllBytes();
			if (!ctl.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				ctl.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
			}
			String text = new String(output, StandardCharsets.UTF_8);
			if (ctl.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (" + ctl.exitValue() + "): " + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** A new amqp-client connection to the node, as guest; the caller closes it. */
	public Connection openConnection() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("localhost");
		factory.setPort(this.port);
		factory.setConnectionTimeout(2000);
		factory.setAutomaticRecoveryEnabled(false);
		try {
			return factory.newConnection("oslo4j-tests");
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("cannot connect to " + this, ex);
		}
	}

	/** A queue's message counts as the node reports them. */
	public QueueCounts queue(String name) {
		JsonNode rows = mapper.readTree(ctl("--formatter", "json", "-q", "list_queues", "name", "messages_ready",
				"messages_unacknowledged", "consumers"));
		for (JsonNode row : rows) {
			if (name.equals(row.get("name").asString())) {
				return new QueueCounts(row.get("messages_ready").asLong(), row.get("messages_unacknowledged").asLong(),
						row.get("consumers").asInt());
			}
		}
		throw new IllegalStateException("no queue " + name + " on " + this.nodeName);
	}

	/** Stops the node and deletes its folder. */
	@Override
	public void close() {
		try {
			if (this.process != null && this.process.isAlive()) {
				try {
					thaw();
				}
				catch (RuntimeException ex) {
					// not frozen, or already gone
				}
				try {
					stopNode();
				}
				catch (RuntimeException ex) {
					kill();
				}
			}
		}
		finally {
			kill();
			deleteDirectory();
			try {
				Runtime.getRuntime().removeShutdownHook(this.killer);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down: the hook runs anyway
			}
		}
	}

	/** The last lines of the node's logs, for failure messages. */
	public String logTail() {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".log")).toList()) {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				text.append("== ").append(file.getFileName()).append('\n');
				lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach((line) -> text.append(line).append('\n'));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			text.append("(logs unreadable: ").append(ex.getMessage()).append(')');
		}
		return text.toString();
	}

	private void awaitListening() {
		try {
			await("RabbitMQ node " + this.nodeName + " listening on port " + this.port).atMost(BOOT_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					Process current = this.process;
					if (current != null && !current.isAlive()) {
						throw new IllegalStateException("RabbitMQ node " + this.nodeName + " exited with "
								+ current.exitValue());
					}
					return accepts(this.port);
				});
		}
		catch (RuntimeException | AssertionError ex) {
			throw new IllegalStateException(ex.getMessage() + "\n" + logTail(), ex);
		}
	}

	private static void awaitExit(Process process) {
		try {
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				destroyTree(process);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			destroyTree(process);
		}
	}

	private void kill() {
		Process current = this.process;
		if (current != null) {
			destroyTree(current);
			this.process = null;
		}
	}

	private static void destroyTree(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void deleteDirectory() {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// a temporary folder: the system cleans it eventually
		}
	}

	private List<String> configuration(Builder builder) {
		List<String> lines = new ArrayList<>();
		lines.add("listeners.tcp.1 = 127.0.0.1:" + this.port);
		lines.add("log.file.level = info");
		lines.add("log.console = false");
		if (builder.tls != null) {
			lines.add("listeners.ssl.1 = 127.0.0.1:" + this.tlsPort);
			lines.add("ssl_options.cacertfile = " + builder.tls.caCertificate());
			lines.add("ssl_options.certfile = " + builder.tls.certificate());
			lines.add("ssl_options.keyfile = " + builder.tls.privateKey());
			lines.add("ssl_options.verify = " + (builder.clientCertificates ? "verify_peer" : "verify_none"));
			lines.add("ssl_options.fail_if_no_peer_cert = " + builder.clientCertificates);
		}
		lines.addAll(builder.extraConfiguration);
		return lines;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static @Nullable String unavailableReason(Path scripts) {
		for (String script : List.of("rabbitmq-server", "rabbitmqctl")) {
			if (!Files.isExecutable(scripts.resolve(script))) {
				return "no executable " + scripts.resolve(script) + " to start a throwaway RabbitMQ node (set "
						+ "RABBITMQ_SCRIPTS_DIR to the folder of RabbitMQ's own rabbitmq-server and rabbitmqctl scripts)";
			}
		}
		return null;
	}

	/**
	 * The PEM files of a TLS listener: the CA that clients should trust, the server's certificate
	 * and its private key (PKCS#8).
	 */
	public record TlsFiles(Path caCertificate, Path certificate, Path privateKey) {
	}

	/** Configures a {@link ThrowawayBroker}. */
	public static final class Builder {

		private final String name;

		private final List<String> extraConfiguration = new ArrayList<>();

		private final List<String> plugins = new ArrayList<>();

		private @Nullable TlsFiles tls;

		private boolean clientCertificates;

		private Builder(String name) {
			this.name = name;
		}

		/** Enables a plugin of the RabbitMQ installation ({@code rabbitmq_auth_mechanism_ssl}, say). */
		public Builder plugin(String plugin) {
			this.plugins.add(plugin);
			return this;
		}

		/**
		 * Makes the TLS listener require a client certificate signed by the CA of its {@link TlsFiles}
		 * ({@code verify_peer}, {@code fail_if_no_peer_cert}).
		 */
		public Builder requireClientCertificates() {
			this.clientCertificates = true;
			return this;
		}

		/** Adds a TLS listener (on {@link ThrowawayBroker#tlsPort()}) serving these files. */
		public Builder tls(TlsFiles tls) {
			this.tls = tls;
			return this;
		}

		/** Adds a line of {@code rabbitmq.conf}. */
		public Builder config(String line) {
			this.extraConfiguration.add(line);
			return this;
		}

		/**
		 * Starts the node and waits (at most 90 s) until it accepts AMQP connections. Skips the
		 * calling test when RabbitMQ's scripts are not installed, or fails it when a broker is
		 * required.
		 */
		public ThrowawayBroker start() {
			String dir = System.getenv("RABBITMQ_SCRIPTS_DIR");
			Path scripts = Path.of((dir != null && !dir.isBlank()) ? dir : DEFAULT_SCRIPTS_DIR);
			String missing = unavailableReason(scripts);
			if (missing != null) {
				if (RabbitTestSupport.isRequired()) {
					Assertions.fail(missing);
				}
				Assumptions.abort(missing);
			}
			ThrowawayBroker broker;
			try {
				broker = new ThrowawayBroker(this, Files.createTempDirectory("oslo4j-broker-"), scripts);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(broker.killer);
			try {
				broker.startNode();
			}
			catch (RuntimeException ex) {
				broker.close();
				throw ex;
			}
			return broker;
		}

	}

	/** For messages: the node and its AMQP URL, never with credentials. */
	@Override
	public String toString() {
		return this.nodeName + " at " + TransportUrl.parse(url(Map.of()));
	}

}
