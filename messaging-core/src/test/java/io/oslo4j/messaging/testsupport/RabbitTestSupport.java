package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests against a real RabbitMQ: {@code @ExtendWith(RabbitTestSupport.class)} disables (skips) a
 * test class when no broker answers, or fails it when one is required, and the static methods give the
 * broker's URL and a plain amqp-client connection for assertions and clean-up.
 *
 * <p>The broker is {@code rabbit://guest:guest@localhost:5672/} unless the environment variable
 * {@code RABBITMQ_URL} names another. When {@code RABBITMQ_SERVER_REQUIRED=true} (or the system
 * property {@code rabbitmq.server.required=true}), a missing broker fails the tests instead of
 * skipping them: CI sets it. The broker is shared with other test runs, so tests use names of
 * their own ({@link #uniqueName(String)}) and delete what they declare.
 */
public final class RabbitTestSupport implements ExecutionCondition {

	private static final Logger logger = LoggerFactory.getLogger(RabbitTestSupport.class);

	/** The environment variable that names the broker. */
	public static final String URL_VARIABLE = "RABBITMQ_URL";

	/** The environment variable that makes a missing broker a failure. */
	public static final String REQUIRED_VARIABLE = "RABBITMQ_SERVER_REQUIRED";

	private static final String DEFAULT_URL = "rabbit://guest:guest@localhost:5672/";

	private static volatile String unavailableReason;

	private static volatile boolean checked;

	/** Disables the tests when no broker answers, or fails them when a broker is required. */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String missing = missingBroker();
		return (missing != null) ? ConditionEvaluationResult.disabled(missing)
				: ConditionEvaluationResult.enabled("RabbitMQ answers at " + TransportUrl.parse(url()));
	}

	/** Skips the calling test when no broker answers, or fails it when a broker is required. */
	public static void assumeBroker() {
		String missing = missingBroker();
		if (missing != null) {
			Assumptions.abort(missing);
		}
	}

	/** Why the broker tests cannot run, null when they can; fails when a broker is required. */
	private static String missingBroker() {
		String reason = unavailableReason();
		if (reason == null) {
			return null;
		}
		String message = "No RabbitMQ at " + TransportUrl.parse(url()) + " (" + reason + "); set " + URL_VARIABLE
				+ " to use another broker";
		if (isRequired()) {
			Assertions.fail(message + ", or unset " + REQUIRED_VARIABLE + " to skip these tests");
		}
		return message;
	}

	/** Whether tests must fail, not skip, without a broker. */
	public static boolean isRequired() {
		return "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE))
				|| "true".equalsIgnoreCase(System.getProperty("rabbitmq.server.required"));
	}

	/** The broker's transport URL, without a query. */
	public static String url() {
		String url = System.getenv(URL_VARIABLE);
		return (url != null && !url.isBlank()) ? url : DEFAULT_URL;
	}

	/** The broker's transport URL with these options in its query. */
	public static TransportUrl url(Map<String, String> options) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		options.forEach((key, value) -> query.add(key + "=" + value));
		String base = url();
		int question = base.indexOf('?');
		return TransportUrl.parse(((question >= 0) ? base.substring(0, question) : base) + query);
	}

	/** A name no other test run uses: the prefix, an underscore and 12 hex digits. */
	public static String uniqueName(String prefix) {
		return prefix + "_" + MessageIds.newHexId().substring(0, 12);
	}

	/** The broker's virtual host. */
	public static String virtualHost() {
		String virtualHost = TransportUrl.parse(url()).virtualHost();
		return (virtualHost != null) ? virtualHost : "/";
	}

	/** A new amqp-client connection to the broker; the caller closes it. */
	public static Connection openConnection() {
		return openConnection(url());
	}

	/** A new amqp-client connection to the broker of a transport URL, such as a modern peer's; the caller closes it. */
	public static Connection openConnection(String transportUrl) {
		TransportUrl url = TransportUrl.parse(transportUrl);
		TransportUrl.Host host = url.hosts().isEmpty() ? new TransportUrl.Host(null, null, null, null)
				: url.hosts().get(0);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host.hostnameOrDefault());
		factory.setPort(host.portOrDefault());
		factory.setUsername((host.username() != null) ? host.username() : "guest");
		factory.setPassword((host.password() != null) ? host.password() : "guest");
		factory.setVirtualHost((url.virtualHost() != null) ? url.virtualHost() : "/");
		factory.setConnectionTimeout(2000);
		factory.setAutomaticRecoveryEnabled(false);
		try {
			return factory.newConnection("oslo4j-tests");
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("cannot connect to " + url, ex);
		}
	}

	/** Deletes queues and exchanges, ignoring those that do not exist. */
	public static void delete(Collection<String> queues, Collection<String> exchanges) {
		delete(url(), queues, exchanges);
	}

	/** Deletes queues and exchanges on the broker of a transport URL, ignoring those that do not exist. */
	public static void delete(String transportUrl, Collection<String> queues, Collection<String> exchanges) {
		if (queues.isEmpty() && exchanges.isEmpty()) {
			return;
		}
		try (Connection connection = openConnection(transportUrl)) {
			for (String queue : queues) {
				withChannel(connection, (channel) -> channel.queueDelete(queue));
			}
			for (String exchange : exchanges) {
				withChannel(connection, (channel) -> channel.exchangeDelete(exchange));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Clean-up of {} and {} failed: {}", queues, exchanges, ex.toString());
		}
	}

	private static void withChannel(Connection connection, ChannelAction action) {
		try (Channel channel = connection.createChannel()) {
			action.run(channel);
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			// a missing queue or exchange closes the channel (404): nothing to delete
			logger.debug("Clean-up: {}", ex.getMessage());
		}
	}

	private static synchronized String unavailableReason() {
		if (!checked) {
			try (Connection connection = openConnection()) {
				unavailableReason = connection.isOpen() ? null : "the connection closed at once";
			}
			catch (IOException | RuntimeException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				unavailableReason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			}
			checked = true;
		}
		return unavailableReason;
	}

	@FunctionalInterface
	private interface ChannelAction {

		void run(Channel channel) throws IOException;

	}

}
