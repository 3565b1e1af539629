package io.oslo4j.messaging.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * A running {@code oslo_server.py}, started by {@link PythonPeer#startServer(List)} once it printed
 * {@code READY}. Its standard output is collected as JSON lines: one
 * {@code {"rpc": method, "args": {...}, "ctxt": {...}, "server": name}} per RPC request its endpoints
 * received, one {@code {"notification": true, "priority": ..., "publisher_id": ..., "event_type": ...,
 * "payload": ..., "ctxt": ..., "metadata": ...}} per notification. {@link #close()} stops it with
 * SIGTERM (in-flight calls finish) and kills it if it does not exit in time.
 *
 * @since 0.1
 */
public final class PythonServer implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration READER_JOIN_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	/** What oslo's rabbit driver logs while it cannot connect (it retries forever). */
	private static final List<String> UNREACHABLE_MARKERS = List.of("Connection failed:", "is unreachable:");

	private static final String READY = "READY";

	private final Process process;

	private final String commandLine;

	private final List<JsonNode> lines = new CopyOnWriteArrayList<>();

	private final StringBuffer stderr = new StringBuffer();

	private final StringBuffer otherOutput = new StringBuffer();

	private final Thread stdoutReader;

	private final Thread stderrReader;

	private volatile boolean ready;

	private PythonServer(Process process, List<String> command) {
		this.process = process;
		this.commandLine = String.join(" ", command);
		this.stdoutReader = reader("stdout", process.getInputStream(), this::onStdoutLine);
		this.stderrReader = reader("stderr", process.getErrorStream(), (line) -> this.stderr.append(line).append('\n'));
	}

	static PythonServer start(List<String> command, Path workingDir, Duration readyTimeout) {
		Process process;
		try {
			process = PythonPeer.processBuilder(command, workingDir).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + String.join(" ", command), ex);
		}
		PythonServer server = new PythonServer(process, command);
		server.stdoutReader.start();
		server.stderrReader.start();
		server.awaitReady(readyTimeout);
		return server;
	}

	/** A predicate matching the output line of an RPC request for {@code method}. */
	public static Predicate<JsonNode> rpc(String method) {
		return (line) -> line.path("rpc").stringValueOpt().filter(method::equals).isPresent();
	}

	/** A predicate matching the output line of a notification whose event type is {@code eventType}. */
	public static Predicate<JsonNode> notification(String eventType) {
		return (line) -> line.path("notification").isBoolean() && line.path("notification").booleanValue()
				&& line.path("event_type").stringValueOpt().filter(eventType::equals).isPresent();
	}

	/** Every JSON line printed so far, in order. */
	public List<JsonNode> lines() {
		return List.copyOf(this.lines);
	}

	/**
	 * Waits until at least {@code count} printed lines match.
	 * @return every matching line printed so far (at least {@code count})
	 * @throws AssertionError on timeout or when the server exits first, with its output
	 */
	public List<JsonNode> awaitLines(Predicate<JsonNode> predicate, int count, Duration timeout) {
		try {
			Awaitility.await()
				.atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(POLL_INTERVAL)
				.until(() -> matching(predicate).size() >= count || !this.process.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(describe("expected " + count + " matching lines within " + timeout + ", got "
					+ matching(predicate).size()), ex);
		}
		List<JsonNode> matches = matching(predicate);
		if (matches.size() < count) {
			joinReaders();
			matches = matching(predicate);
			if (matches.size() < count) {
				throw new AssertionError(describe("exited with code " + this.process.exitValue() + " after "
						+ matches.size() + " of " + count + " expected matching lines"));
			}
		}
		return matches;
	}

	/** Waits for one matching line and returns the first one. */
	public JsonNode awaitLine(Predicate<JsonNode> predicate, Duration timeout) {
		return awaitLines(predicate, 1, timeout).get(0);
	}

	/** What the server wrote to standard error so far (oslo's logging). */
	public String stderr() {
		return this.stderr.toString();
	}

	/** Whether the process is still running. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Stops the server: SIGTERM, which lets in-flight calls finish and be answered, then a kill if it
	 * has not exited within 15 s. Does nothing more when already stopped.
	 * @return the exit code (0 for a clean stop)
	 */
	public int stop() {
		try {
			if (this.process.isAlive()) {
				this.process.destroy();
				if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.destroyForcibly().waitFor();
				}
			}
			joinReaders();
			return this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
			throw new IllegalStateException("interrupted while stopping " + this.commandLine, ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "PythonServer[" + this.commandLine + "]";
	}

	private void awaitReady(Duration timeout) {
		try {
			Awaitility.await()
				.atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(POLL_INTERVAL)
				.until(() -> this.ready || !this.process.isAlive() || brokerUnreachable());
		}
		catch (ConditionTimeoutException ex) {
			this.process.destroyForcibly();
			joinReaders();
			throw new AssertionError(describe("did not print READY within " + timeout), ex);
		}
		if (this.ready) {
			return;
		}
		boolean unreachable = brokerUnreachable();
		this.process.destroyForcibly();
		joinReaders();
		if (!unreachable) {
			throw new AssertionError(describe("exited with code " + this.process.exitValue() + " before READY"));
		}
		if (PythonPeer.isBrokerRequired()) {
			throw new AssertionError(describe("cannot connect to RabbitMQ; start the broker "
					+ "(`rabbitmq-server -detached`) or point RABBITMQ_URL at one"));
		}
		Assumptions.abort("Python server cannot connect to RabbitMQ: " + this.commandLine
				+ "\ninterop test skipped (RABBITMQ_SERVER_REQUIRED=true or OSLO_INTEROP_REQUIRED=true make this a failure)");
	}

	private boolean brokerUnreachable() {
		String text = this.stderr.toString();
		return UNREACHABLE_MARKERS.stream().anyMatch(text::contains);
	}

	private void onStdoutLine(String line) {
		String trimmed = line.strip();
		if (READY.equals(trimmed)) {
			this.ready = true;
			return;
		}
		JsonNode json = trimmed.startsWith("{") ? PythonPeer.parseJson(trimmed) : null;
		if (json != null) {
			this.lines.add(json);
		}
		else {
			this.otherOutput.append(line).append('\n');
		}
	}

	private List<JsonNode> matching(Predicate<JsonNode> predicate) {
		return this.lines.stream().filter(predicate).toList();
	}

	private String describe(String problem) {
		StringBuilder text = new StringBuilder("Python server ").append(problem).append(": ").append(this.commandLine);
		text.append("\nJSON lines:");
		this.lines.forEach((line) -> text.append("\n  ").append(line));
		if (!this.otherOutput.isEmpty()) {
			text.append("\nother output:\n").append(this.otherOutput);
		}
		return text.append("\nstderr:\n").append(this.stderr).toString();
	}

	private void joinReaders() {
		try {
			this.stdoutReader.join(READER_JOIN_TIMEOUT.toMillis());
			this.stderrReader.join(READER_JOIN_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Thread reader(String name, InputStream stream, Consumer<String> onLine) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					onLine.accept(line);
				}
			}
			catch (IOException ex) {
				// The process is gone; what it printed until then has been collected.
			}
		}, "python-server-" + name + "-" + this.process.pid());
		thread.setDaemon(true);
		return thread;
	}

}
