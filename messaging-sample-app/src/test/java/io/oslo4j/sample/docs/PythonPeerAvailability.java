package io.oslo4j.sample.docs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

	private static boolean brokerAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", 5672), 2000);
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
