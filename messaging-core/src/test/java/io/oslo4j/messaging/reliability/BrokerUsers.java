package io.oslo4j.messaging.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.wire.MessageIds;

/**
 * RabbitMQ users of a test's own, each with its own configure / write / read permissions on the
 * test broker's virtual host, made with {@code rabbitmqctl} (or the command in
 * {@code RABBITMQCTL}) and deleted on {@link #close()}. Names are unique per run, since the broker
 * is shared.
 */
final class BrokerUsers implements AutoCloseable {

	private final List<String> users = new ArrayList<>();

	private final List<String> policies = new ArrayList<>();

	private BrokerUsers() {
	}

	/** Skips the test without rabbitmqctl (or fails it when a broker is required). */
	static BrokerUsers create() {
		RabbitCtl.assumeAvailable();
		return new BrokerUsers();
	}

	/** Permission patterns, as {@code rabbitmqctl set_permissions} takes them. */
	record Permissions(String configure, String write, String read) {
	}

	/**
	 * Adds a user with these permissions.
	 * @return its name, which is also its password
	 */
	String add(String role, Permissions permissions) {
		String user = role + "_" + MessageIds.newHexId().substring(0, 12);
		run("add_user", user, user);
		this.users.add(user);
		permit(user, permissions);
		return user;
	}

	/** Replaces a user's permissions. */
	void permit(String user, Permissions permissions) {
		run("set_permissions", "-p", RabbitTestSupport.virtualHost(), user, permissions.configure(), permissions.write(),
				permissions.read());
	}

	/** Applies a queue policy (removed on close) to the queues whose name matches the pattern. */
	void queuePolicy(String name, String pattern, String definition) {
		run("set_policy", "-p", RabbitTestSupport.virtualHost(), "--apply-to", "queues", name, pattern, definition);
		this.policies.add(name);
	}

	/** The test broker's transport URL, as this user, with these options. */
	TransportUrl url(String user, Map<String, String> options) {
		TransportUrl.Host host = host();
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		options.forEach((key, value) -> query.add(key + "=" + value));
		String virtualHost = RabbitTestSupport.virtualHost();
		return TransportUrl.parse("rabbit://" + user + ":" + user + "@" + host.hostnameOrDefault() + ":"
				+ host.portOrDefault() + "/" + ("/".equals(virtualHost) ? "" : virtualHost) + query);
	}

	/** A plain amqp-client connection as this user, for what no oslo4j class would send. */
	Connection connect(String user) {
		TransportUrl.Host host = host();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host.hostnameOrDefault());
		factory.setPort(host.portOrDefault());
		factory.setUsername(user);
		factory.setPassword(user);
		factory.setVirtualHost(RabbitTestSupport.virtualHost());
		factory.setAutomaticRecoveryEnabled(false);
		try {
			return factory.newConnection("oslo4j-tests-" + user);
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("cannot connect as " + user, ex);
		}
	}

	/** Removes the policies applied so far. */
	void clearPolicies() {
		this.policies.forEach((policy) -> run("clear_policy", "-p", RabbitTestSupport.virtualHost(), policy));
		this.policies.clear();
	}

	/** Removes the policies and deletes the users. */
	@Override
	public void close() {
		clearPolicies();
		this.users.forEach((user) -> run("delete_user", user));
		this.users.clear();
	}

	private static TransportUrl.Host host() {
		TransportUrl url = TransportUrl.parse(RabbitTestSupport.url());
		return url.hosts().isEmpty() ? new TransportUrl.Host(null, null, null, null) : url.hosts().get(0);
	}

	private static void run(String... arguments) {
		String command = System.getenv("RABBITMQCTL");
		List<String> line = new ArrayList<>(Arrays.asList(((command != null) ? command : "rabbitmqctl").split(" ")));
		line.addAll(Arrays.asList(arguments));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", line) + " failed: "
						+ new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", line) + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
