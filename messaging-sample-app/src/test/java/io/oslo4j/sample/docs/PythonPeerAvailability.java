package io.oslo4j.sample.docs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the README's Python snippet needs: RabbitMQ on localhost:5672, as the snippet's URL says,
 * and Debian's /usr/bin/python3 with oslo.messaging. Missing, the test skips, unless CI requires
 * them ({@code RABBITMQ_SERVER_REQUIRED=true}, {@code OSLO_INTEROP_REQUIRED=true}).
 */
final class PythonPeerAvailability {

	static final String PYTHON = "/usr/bin/python3";

	/** The Debian root of oslo.messaging 18.3, as {@code interop/modern/peers.sh} builds it. */
	static final Path FORKY_ROOT = Path.of(System.getenv().getOrDefault("OSLO4J_ROOTS", "/var/lib/oslo4j/roots"),
			"forky");

	/** The AMQP port of the forky root's RabbitMQ 4.3. */
	static final int FORKY_PORT = 5674;

	private PythonPeerAvailability() {
	}

	static void assumeRabbitMqAndPython() {
		if (!brokerAnswers()) {
			unavailable("RABBITMQ_SERVER_REQUIRED",
					"no RabbitMQ answers on localhost:5672 (start one: rabbitmq-server -detached)");
		}
		if (!pythonImportsOsloMessaging()) {
			unavailable("OSLO_INTEROP_REQUIRED",
					PYTHON + " cannot import oslo_messaging (install it: apt-get install -y python3-oslo.messaging)");
		}
	}

	/**
	 * What the README's Kolla example needs: the forky root's oslo.messaging 18.3 and its RabbitMQ
	 * 4.3 on port 5674, which {@code interop/modern/peers.sh build} and {@code start} provide.
	 */
	static void assumeForkyPeer() {
		if (!Files.isRegularFile(FORKY_ROOT.resolve(".oslo4j-ready"))) {
			unavailable("OSLO_INTEROP_REQUIRED", "the Debian root " + FORKY_ROOT + " is not built (run: bash "
					+ "interop/modern/peers.sh build forky)");
		}
		if (!brokerAnswers(FORKY_PORT)) {
			unavailable("OSLO_INTEROP_REQUIRED", "no RabbitMQ 4.3 answers on 127.0.0.1:" + FORKY_PORT
					+ " (run: bash interop/modern/peers.sh start forky)");
		}
	}

	private static boolean brokerAnswers() {
		return brokerAnswers(5672);
	}

	private static boolean brokerAnswers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean pythonImportsOsloMessaging() {
		try {
			Process process = new ProcessBuilder(PYTHON, "-c", "import oslo_messaging")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
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

	private static void unavailable(String requiredBy, String reason) {
		if (Boolean.parseBoolean(System.getenv(requiredBy))) {
			Assertions.fail(reason + ", and " + requiredBy + "=true requires it");
		}
		Assumptions.abort(reason + "; set " + requiredBy + "=true to fail instead of skipping");
	}

}
