package io.oslo4j.messaging.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.oslo4j.messaging.wire.WireJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * Runs one of the other scripts of {@code interop/} (not the peer's {@code oslo_client.py}) to
 * completion, as {@link PythonPeer#client} runs the client: the same interpreter, folder and broker
 * URL, its last JSON line as the result.
 */
public final class PythonScript {

	private PythonScript() {
	}

	/**
	 * Skips the calling test when {@code /usr/bin/python3} cannot import {@code module}, or fails it
	 * when {@code OSLO_INTEROP_REQUIRED=true}, naming the Debian package that brings it.
	 */
	public static void assumeModule(String module, String debianPackage) {
		PythonPeer.assumeAvailable();
		if (exitCode(List.of(PythonPeer.PYTHON, "-c", "import " + module), Duration.ofSeconds(60)) == 0) {
			return;
		}
		String problem = PythonPeer.PYTHON + " cannot import " + module + "; install it with `apt-get install -y "
				+ debianPackage + "`";
		if (PythonPeer.isRequired()) {
			throw new AssertionError(problem + " (OSLO_INTEROP_REQUIRED=true)");
		}
		Assumptions.abort(problem + " to run this test, OSLO_INTEROP_REQUIRED=true to make this a failure");
	}

	/**
	 * Starts {@code interop/<script>} with {@code args} and {@code --url}, and waits (at most
	 * {@code readyTimeout}) until it prints {@code READY}; close the process to stop it (SIGTERM,
	 * then a kill after 15 s).
	 */
	public static Running start(String script, List<String> args, Duration readyTimeout) {
		List<String> command = command(script, args);
		try {
			Path stderr = Files.createTempFile("oslo-script-", ".err");
			Process process = processBuilder(command).redirectError(stderr.toFile()).start();
			CompletableFuture<Boolean> ready = new CompletableFuture<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = process.inputReader()) {
					for (String line = lines.readLine(); line != null; line = lines.readLine()) {
						if (line.strip().equals("READY")) {
							ready.complete(true);
						}
					}
				}
				catch (IOException ex) {
					// the process ended: the wait below reports it
				}
				ready.complete(false);
			}, script + "-stdout");
			reader.setDaemon(true);
			reader.start();
			boolean started;
			try {
				started = ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				started = false;
			}
			if (!started) {
				process.destroyForcibly().waitFor();
				throw new AssertionError(script + " did not print READY within " + readyTimeout + ": "
						+ String.join(" ", command) + "\nstderr:\n" + Files.readString(stderr));
			}
			return new Running(process, stderr);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting " + String.join(" ", command), ex);
		}
	}

	/** A script started by {@link #start}; closing it stops it. */
	public static final class Running implements AutoCloseable {

		private final Process process;

		private final Path stderr;

		private Running(Process process, Path stderr) {
			this.process = process;
			this.stderr = stderr;
		}

		/** What the script wrote on standard error so far. */
		public String stderr() {
			try {
				return Files.readString(this.stderr);
			}
			catch (IOException ex) {
				return "(unreadable: " + ex + ")";
			}
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor();
				}
				Files.deleteIfExists(this.stderr);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				// a temporary file left behind
			}
		}

	}

	/** Runs {@code interop/<script>} with {@code args} and {@code --url}, killing it after {@code timeout}. */
	public static PythonResult run(String script, List<String> args, Duration timeout) {
		List<String> command = command(script, args);
		try {
			Path stdout = Files.createTempFile("oslo-script-", ".out");
			Path stderr = Files.createTempFile("oslo-script-", ".err");
			try {
				Process process = processBuilder(command).redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile())
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor();
					throw new AssertionError(script + " did not finish within " + timeout + ": " + String.join(" ", command)
							+ "\nstdout:\n" + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr));
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

	private static List<String> command(String script, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(PythonPeer.PYTHON);
		command.add(PythonPeer.interopDir().resolve(script).toString());
		command.addAll(args);
		command.add("--url");
		command.add(PythonPeer.transportUrl());
		return command;
	}

	private static ProcessBuilder processBuilder(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(PythonPeer.interopDir().toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		builder.environment().put("PYTHONUNBUFFERED", "1");
		return builder;
	}

	private static int exitCode(List<String> command, Duration timeout) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static @Nullable JsonNode lastJsonLine(String stdout) {
		String[] lines = stdout.strip().split("\n");
		String last = lines[lines.length - 1].strip();
		return last.startsWith("{") ? WireJson.mapper().readTree(last) : null;
	}

}
