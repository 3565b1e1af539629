package io.oslo4j.messaging.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.oslo4j.messaging.wire.WireJson;

/**
 * Runs the Python oslo.messaging 14.0.3 peer of the interoperability tests: {@code oslo_server.py}
 * and {@code oslo_client.py} from the project's {@code interop/} folder, with Debian's
 * {@code /usr/bin/python3} (the only interpreter that sees {@code python3-oslo.messaging}). The
 * static methods run {@link OsloPeer#OSLO_14}; {@link OsloPeer} runs the modern peers the same way.
 *
 * <p>Tests skip themselves when Python oslo.messaging or the broker is missing, unless
 * {@code OSLO_INTEROP_REQUIRED=true} (or the system property {@code oslo.interop.required}), which
 * CI sets: then they fail and say how to install what is missing. Both scripts get {@code --url}
 * from {@link #transportUrl()} unless the arguments already carry one.
 *
 * <pre>{@code
 * PythonPeer.assumeAvailable();
 * try (PythonServer server = PythonPeer.startServer(List.of("--topic", topic, "--server", "s1"))) {
 *     PythonResult result = PythonPeer.client(List.of("call", "--topic", topic, "--method", "echo",
 *             "--args", "{\"value\": 1}"));
 *     assertThat(result.result().asInt()).isEqualTo(1);
 * }
 * }</pre>
 *
 * @since 0.1
 * @see PythonServer
 * @see PythonResult
 */
public final class PythonPeer {

	/** Debian's interpreter; a {@code python3} earlier on the PATH may lack oslo.messaging. */
	public static final String PYTHON = "/usr/bin/python3";

	/** The transport URL used when {@code RABBITMQ_URL} is not set. */
	public static final String DEFAULT_URL = "rabbit://guest:guest@127.0.0.1:5672/";

	/** How long {@link #client(List)} lets one client run. */
	public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(60);

	/** How long {@link #startServer(List)} waits for {@code READY}. */
	public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

	private static final String INTEROP_DIR_PROPERTY = "oslo4j.interop.dir";

	private static final String INSTALL_HINT = "apt-get install -y python3-oslo.messaging";

	private static volatile @Nullable Boolean available;

	private PythonPeer() {
	}

	/**
	 * Skips the calling test when {@code /usr/bin/python3} cannot import {@code oslo_messaging}, or
	 * fails it when {@code OSLO_INTEROP_REQUIRED=true}. The check runs once per JVM.
	 */
	public static void assumeAvailable() {
		if (isAvailable()) {
			return;
		}
		String problem = PYTHON + " cannot import oslo_messaging";
		if (isRequired()) {
			throw new AssertionError(problem + " and OSLO_INTEROP_REQUIRED=true: install the Python peer with `"
					+ INSTALL_HINT + "` (Debian 12 ships oslo.messaging 14.0.3)");
		}
		Assumptions.abort(problem + "; interop test skipped (`" + INSTALL_HINT
				+ "` to run it, OSLO_INTEROP_REQUIRED=true to make this a failure)");
	}

	/** Whether {@code /usr/bin/python3} imports {@code oslo_messaging}; checked once per JVM. */
	public static boolean isAvailable() {
		Boolean known = available;
		if (known == null) {
			known = canImportOsloMessaging();
			available = known;
		}
		return known;
	}

	/** Whether interop tests must run rather than skip: {@code OSLO_INTEROP_REQUIRED=true}. */
	public static boolean isRequired() {
		return flag("OSLO_INTEROP_REQUIRED", "oslo.interop.required");
	}

	/**
	 * The transport URL the Python peer connects to: {@code RABBITMQ_URL} (an {@code amqp://} scheme is
	 * turned into oslo's {@code rabbit://}), else {@value #DEFAULT_URL}.
	 */
	public static String transportUrl() {
		String url = System.getenv("RABBITMQ_URL");
		if (url == null || url.isBlank()) {
			return DEFAULT_URL;
		}
		return url.startsWith("amqp://") ? "rabbit://" + url.substring("amqp://".length()) : url;
	}

	/**
	 * The folder holding the Python scripts: the system property {@value #INTEROP_DIR_PROPERTY} if
	 * set, else the first {@code interop/} with an {@code oslo_server.py} found walking up from
	 * {@code user.dir} (a module's base directory under Maven).
	 */
	public static Path interopDir() {
		String configured = System.getProperty(INTEROP_DIR_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured).toAbsolutePath();
		}
		Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("interop");
			if (Files.isRegularFile(candidate.resolve("oslo_server.py"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("no interop/oslo_server.py in " + start + " or above; set -D"
				+ INTEROP_DIR_PROPERTY + "=<path to the interop folder>");
	}

	/**
	 * Starts {@code oslo_server.py} with the given arguments and waits until it prints {@code READY}.
	 * Skips the test when the peer is not installed or the broker refuses the connection (unless
	 * required).
	 * @param args the script's options, e.g. {@code --topic t --server s1 --listen-notifications}
	 * @return the running server; close it to stop it
	 */
	public static PythonServer startServer(List<String> args) {
		return startServer(args, DEFAULT_READY_TIMEOUT);
	}

	/** Like {@link #startServer(List)}, waiting at most {@code readyTimeout} for {@code READY}. */
	public static PythonServer startServer(List<String> args, Duration readyTimeout) {
		return OsloPeer.OSLO_14.startServer(args, readyTimeout);
	}

	/**
	 * Runs {@code oslo_client.py} to completion (at most {@link #DEFAULT_CLIENT_TIMEOUT}).
	 * @param args the sub-command and its options, e.g.
	 * {@code call --topic t --method echo --args {"value": 1}}
	 * @return its exit code, its JSON output line and its standard error
	 */
	public static PythonResult client(List<String> args) {
		return client(args, DEFAULT_CLIENT_TIMEOUT);
	}

	/** Like {@link #client(List)}, killing the client after {@code timeout}. */
	public static PythonResult client(List<String> args, Duration timeout) {
		return OsloPeer.OSLO_14.client(args, timeout);
	}

	/** Runs a client's command line to completion, killing it after {@code timeout}. */
	static PythonResult run(List<String> command, Duration timeout) {
		try {
			Path stdout = Files.createTempFile("oslo-client-", ".out");
			Path stderr = Files.createTempFile("oslo-client-", ".err");
			try {
				Process process = processBuilder(command, interopDir())
					.redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile())
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor();
					throw new AssertionError("Python client did not finish within " + timeout + ": "
							+ String.join(" ", command) + "\nstdout:\n" + Files.readString(stdout)
							+ "\nstderr:\n" + Files.readString(stderr));
				}
				return new PythonResult(process.exitValue(), lastJsonLine(Files.readString(stdout)),
						Files.readString(stderr));
			}
			finally {
				Files.deleteIfExists(stdout);
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + String.join(" ", command), ex);
		}
	}

	/**
	 * Renders a value as JSON for a command-line argument such as {@code --args}: oslo's dialect, ASCII
	 * only (other characters escaped), so the text survives any locale.
	 */
	public static String json(Object value) {
		return WireJson.mapper().writeValueAsString(value);
	}

	/** Whether a missing broker must fail the tests: {@code RABBITMQ_SERVER_REQUIRED=true} or interop required. */
	static boolean isBrokerRequired() {
		return flag("RABBITMQ_SERVER_REQUIRED", "rabbitmq.server.required") || isRequired();
	}

	static ProcessBuilder processBuilder(List<String> command, Path workingDir) {
		ProcessBuilder builder = new ProcessBuilder(command)
			.directory(workingDir.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		builder.environment().put("PYTHONUNBUFFERED", "1");
		return builder;
	}

	static @Nullable JsonNode parseJson(String line) {
		try {
			return WireJson.mapper().readTree(line);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode lastJsonLine(String stdout) {
		String[] lines = stdout.strip().split("\n");
		String last = lines[lines.length - 1].strip();
		return last.startsWith("{") ? parseJson(last) : null;
	}

	private static boolean canImportOsloMessaging() {
		if (!Files.isExecutable(Paths.get(PYTHON))) {
			return false;
		}
		try {
			Process process = new ProcessBuilder(PYTHON, "-c", "import oslo_messaging")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean flag(String environmentVariable, String systemProperty) {
		String value = System.getenv(environmentVariable);
		if (value == null) {
			value = System.getProperty(systemProperty);
		}
		return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
	}

}
