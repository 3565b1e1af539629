package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.TransportUrl;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * One Python oslo.messaging peer of the interoperability tests and its broker: the machine's own
 * 14.0.3 on the RabbitMQ of {@code RABBITMQ_URL} (5672), or one of the modern peers that
 * {@code interop/modern/peers.sh} builds in a Debian root under {@code OSLO4J_ROOTS} (default
 * {@value #DEFAULT_ROOTS}), each with its own RabbitMQ on a loopback port.
 *
 * <p>A peer gives the command that runs its Python ({@code /usr/bin/python3}, or
 * {@code chroot <root> /usr/bin/python3} with the interop scripts copied into the root's
 * {@value #SCRIPTS_IN_ROOT}), its broker's transport URL for Python and for Java, and a
 * {@link RabbitCtl.Node} for its broker. A peer that is missing skips the calling test with a
 * message naming {@code peers.sh build} and {@code start}, or fails it when
 * {@code OSLO_INTEROP_REQUIRED=true}.
 *
 * <pre>{@code
 * OsloPeer peer = OsloPeer.OSLO_18;
 * try (PythonServer server = peer.startServer(List.of("--topic", topic, "--server", "s1"));
 *         Transport transport = Transport.open(peer.javaUrl(Map.of()))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>To add a peer: a root in {@code peers.sh} (suite, node, port) and a constant here.
 *
 * @since 0.1
 */
public enum OsloPeer {

	/** oslo.messaging 14.0.3 (OpenStack 2023.2) on the machine, RabbitMQ 3.10 of {@code RABBITMQ_URL}. */
	OSLO_14("14.0.3", "3.10", null, null, 5672),

	/** oslo.messaging 16.1.0 (OpenStack 2025.1) in the trixie root, RabbitMQ 4.0.5 on 5673. */
	OSLO_16("16.1.0", "4.0", "trixie", "trixie", 5673),

	/** oslo.messaging 18.3.0 (OpenStack 2026.x) in the forky root, RabbitMQ 4.3.6 on 5674. */
	OSLO_18("18.3.0", "4.3", "forky", "forky", 5674),

	/**
	 * oslo.messaging 18.3.0 in the forky root on a RabbitMQ 4.3.6 that denies the deprecated
	 * feature {@code transient_nonexcl_queues} (non-durable, non-exclusive queues), on 5675.
	 */
	OSLO_18_STRICT("18.3.0", "4.3 (transient_nonexcl_queues denied)", "forky", "forky-strict", 5675);

	/** Where {@code peers.sh} builds the roots unless {@code OSLO4J_ROOTS} says otherwise. */
	public static final String DEFAULT_ROOTS = "/var/lib/oslo4j/roots";

	/** Where the interop scripts are copied inside a root. */
	public static final String SCRIPTS_IN_ROOT = "/opt/oslo4j-interop";

	private static final String PYTHON = "/usr/bin/python3";

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

	/** Why a peer cannot run, by peer; an empty string when it can. Checked once per JVM. */
	private static final Map<OsloPeer, String> problems = new ConcurrentHashMap<>();

	/** The roots the scripts were copied into by this JVM. */
	private static final Map<String, Boolean> copiedInto = new ConcurrentHashMap<>();

	private final String osloVersion;

	private final String rabbitVersion;

	private final @Nullable String suite;

	private final @Nullable String node;

	private final int port;

	OsloPeer(String osloVersion, String rabbitVersion, @Nullable String suite, @Nullable String node, int port) {
		this.osloVersion = osloVersion;
		this.rabbitVersion = rabbitVersion;
		this.suite = suite;
		this.node = node;
		this.port = port;
	}

	/** The folder holding the roots: {@code OSLO4J_ROOTS}, else {@value #DEFAULT_ROOTS}. */
	public static Path roots() {
		String configured = System.getenv("OSLO4J_ROOTS");
		return Paths.get((configured != null && !configured.isBlank()) ? configured : DEFAULT_ROOTS);
	}

	/** The oslo.messaging version, e.g. {@code 18.3.0}. */
	public String osloVersion() {
		return this.osloVersion;
	}

	/** Whether this peer runs in a Debian root made by {@code peers.sh} rather than on the machine. */
	public boolean isModern() {
		return this.suite != null;
	}

	/** The Debian root of a modern peer. */
	public Path root() {
		if (this.suite == null) {
			throw new IllegalStateException(this + " runs on the machine, not in a root");
		}
		return roots().resolve(this.suite);
	}

	/**
	 * The transport URL of this peer's broker, for the Python scripts' {@code --url} and, with a
	 * query, for Java: {@link PythonPeer#transportUrl()} for 14.0.3, else
	 * {@code rabbit://guest:guest@127.0.0.1:PORT/}.
	 */
	public String url() {
		return isModern() ? "rabbit://guest:guest@127.0.0.1:" + this.port + "/" : PythonPeer.transportUrl();
	}

	/** The transport URL of this peer's broker for Java, with oslo options in its query. */
	public TransportUrl javaUrl(Map<String, String> options) {
		return TransportUrl.parse(url(options));
	}

	/** {@link #url()} with oslo options in its query, password included (for a Python peer's command line). */
	public String url(Map<String, String> options) {
		StringBuilder url = new StringBuilder(url());
		int question = url.indexOf("?");
		if (question >= 0) {
			url.setLength(question);
		}
		char separator = '?';
		for (Map.Entry<String, String> option : options.entrySet()) {
			url.append(separator).append(option.getKey()).append('=').append(option.getValue());
			separator = '&';
		}
		return url.toString();
	}

	/** {@code rabbitmqctl} for this peer's broker node. */
	public RabbitCtl.Node ctl() {
		if (this.node == null) {
			return RabbitCtl.local();
		}
		return RabbitCtl.node(this.node, List.of("bash", PythonPeer.interopDir().resolve("modern/peers.sh").toString(),
				"ctl", this.node), "/");
	}

	/**
	 * Skips the calling test when this peer cannot run here, or fails it when
	 * {@code OSLO_INTEROP_REQUIRED=true}. For 14.0.3 as {@link PythonPeer#assumeAvailable()}; for a
	 * modern peer, its root must be built, its Python must import oslo_messaging and its broker must
	 * accept a connection. The check runs once per JVM and peer.
	 */
	public void assumeAvailable() {
		if (!isModern()) {
			PythonPeer.assumeAvailable();
			return;
		}
		String problem = problems.computeIfAbsent(this, OsloPeer::findProblem);
		if (problem.isEmpty()) {
			return;
		}
		String script = "bash interop/modern/peers.sh";
		String howTo = "`" + script + " build " + this.suite + "` and `" + script + " start " + this.suite + "`";
		if (PythonPeer.isRequired()) {
			throw new AssertionError(this + " is not available: " + problem + " and OSLO_INTEROP_REQUIRED=true; run "
					+ howTo);
		}
		Assumptions.abort(this + " is not available: " + problem + "; interop test skipped (run " + howTo
				+ ", OSLO_INTEROP_REQUIRED=true to make this a failure)");
	}

	/**
	 * Whether this peer can run here, without skipping or failing anything: for set-up code that
	 * leaves the verdict to {@link #assumeAvailable()} in each test.
	 */
	public boolean isAvailable() {
		return isModern() ? problems.computeIfAbsent(this, OsloPeer::findProblem).isEmpty() : PythonPeer.isAvailable();
	}

	/**
	 * Starts {@code oslo_server.py} of this peer against its broker and waits until it prints
	 * {@code READY}; see {@link PythonPeer#startServer(List)}.
	 */
	public PythonServer startServer(List<String> args) {
		return startServer(args, PythonPeer.DEFAULT_READY_TIMEOUT);
	}

	/** Like {@link #startServer(List)}, waiting at most {@code readyTimeout} for {@code READY}. */
	public PythonServer startServer(List<String> args, Duration readyTimeout) {
		assumeAvailable();
		return PythonServer.start(command("oslo_server.py", args), PythonPeer.interopDir(), readyTimeout);
	}

	/** Runs {@code oslo_client.py} of this peer to completion; see {@link PythonPeer#client(List)}. */
	public PythonResult client(List<String> args) {
		return client(args, PythonPeer.DEFAULT_CLIENT_TIMEOUT);
	}

	/** Like {@link #client(List)}, killing the client after {@code timeout}. */
	public PythonResult client(List<String> args, Duration timeout) {
		assumeAvailable();
		return PythonPeer.run(command("oslo_client.py", args), timeout);
	}

	/**
	 * Runs another script of {@code interop/} with this peer's interpreter to completion, as
	 * {@link #client(List, Duration)} runs {@code oslo_client.py}: its last JSON line is the output.
	 */
	public PythonResult script(String script, List<String> args, Duration timeout) {
		assumeAvailable();
		return PythonPeer.run(command(script, args), timeout);
	}

	/**
	 * The command line that runs a program of this peer's system, such as
	 * {@code /usr/bin/oslo-messaging-send-notification}: as it is, or inside the root.
	 */
	public List<String> program(String path, String... args) {
		List<String> command = new ArrayList<>();
		if (isModern()) {
			command.addAll(List.of("chroot", root().toString()));
		}
		command.add(path);
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * Starts a Python script of the test resources with this peer's interpreter, in a process group
	 * of its own (as a service of the host would be), standard error merged into its output.
	 * @param resource the script, a class-path resource
	 * @param environment {@code NAME=value} pairs for the script
	 */
	public Process python(String resource, List<String> environment, String... arguments) {
		try (InputStream script = OsloPeer.class.getResourceAsStream(resource)) {
			if (script == null) {
				throw new IllegalStateException("no resource " + resource);
			}
			String path = writeFile(Paths.get(resource).getFileName().toString(), new String(script.readAllBytes(),
					StandardCharsets.UTF_8));
			List<String> command = new ArrayList<>(List.of("setsid"));
			command.addAll(program("/usr/bin/env", environment.toArray(String[]::new)));
			command.addAll(List.of(PYTHON, path));
			command.addAll(List.of(arguments));
			return new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + resource + " for " + this, ex);
		}
	}

	/**
	 * Writes a file this peer's programs can read, such as an oslo.config file for a program that
	 * takes no options on its command line.
	 * @return its path as the peer's programs see it
	 */
	public String writeFile(String name, String content) {
		try {
			Path folder = isModern() ? root().resolve("tmp") : Paths.get(System.getProperty("java.io.tmpdir"));
			Path file = Files.createTempFile(folder, "oslo4j-", "-" + name);
			file.toFile().deleteOnExit();
			Files.writeString(file, content);
			return isModern() ? "/" + root().relativize(file) : file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + name + " for " + this, ex);
		}
	}

	@Override
	public String toString() {
		return "oslo.messaging " + this.osloVersion + " on RabbitMQ " + this.rabbitVersion;
	}

	private List<String> command(String script, List<String> args) {
		List<String> command = program(PYTHON, scriptDir().resolve(script).toString());
		command.addAll(args);
		if (!args.contains("--url") && args.stream().noneMatch((arg) -> arg.startsWith("--url="))) {
			command.add("--url");
			command.add(url());
		}
		return command;
	}

	/** The scripts' folder as the peer's Python sees it; copied into a root on first use. */
	private Path scriptDir() {
		if (!isModern()) {
			return PythonPeer.interopDir();
		}
		Path root = root();
		copiedInto.computeIfAbsent(root.toString(), (key) -> copyScripts(root));
		return Paths.get(SCRIPTS_IN_ROOT);
	}

	/**
	 * Copies {@code interop/*.py} into the root: the checkout's path differs between sessions and CI,
	 * and is not visible inside the root. Each file is replaced atomically, since another test run
	 * on the machine may be reading it.
	 */
	private static Boolean copyScripts(Path root) {
		Path target = root.resolve(SCRIPTS_IN_ROOT.substring(1));
		try {
			Files.createDirectories(target);
			try (DirectoryStream<Path> scripts = Files.newDirectoryStream(PythonPeer.interopDir(), "*.py")) {
				for (Path script : scripts) {
					Path temporary = Files.createTempFile(target, ".copy-", ".tmp");
					Files.copy(script, temporary, StandardCopyOption.REPLACE_EXISTING);
					Files.move(temporary, target.resolve(script.getFileName()), StandardCopyOption.ATOMIC_MOVE,
							StandardCopyOption.REPLACE_EXISTING);
				}
			}
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy the interop scripts into " + target, ex);
		}
	}

	private String findProblem() {
		Path root = root();
		if (!Files.isRegularFile(root.resolve(".oslo4j-ready"))) {
			return "its root " + root + " is not built";
		}
		String python = runCheck(program(PYTHON, "-c", "import oslo_messaging"));
		if (python != null) {
			return "`chroot " + root + " " + PYTHON + " -c 'import oslo_messaging'` failed (" + python
					+ "; chroot needs root privileges)";
		}
		try (Connection connection = RabbitTestSupport.openConnection(url())) {
			return connection.isOpen() ? "" : "its broker at 127.0.0.1:" + this.port + " closed the connection";
		}
		catch (IOException | RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return "its broker at 127.0.0.1:" + this.port + " does not answer (" + cause + ")";
		}
	}

	/** Runs a command; null when it exited with 0, else what went wrong. */
	private static @Nullable String runCheck(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return "no answer within " + CHECK_TIMEOUT;
			}
			return (process.exitValue() == 0) ? null
					: "exit " + process.exitValue() + ": " + new String(output, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
