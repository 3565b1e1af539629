package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rabbitmqctl}, for tests that must see the broker's own view: the flags and arguments of
 * exchanges and queues (the {@code 406} that a Python peer would meet depends on them), bindings,
 * consumers, and closing a connection as a broker restart would. The command is
 * {@code rabbitmqctl} unless the environment variable {@code RABBITMQCTL} names another (for
 * example {@code docker exec rabbitmq rabbitmqctl}); it lists the virtual host of
 * {@link RabbitTestSupport#url()}. The static methods speak to that broker ({@link #local()});
 * {@link OsloPeer#ctl()} gives the {@link Node} of a modern peer's broker.
 */
public final class RabbitCtl {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Node LOCAL = new Node("the local broker", localCommand(), null);

	private RabbitCtl() {
	}

	/**
	 * The broker of {@link RabbitTestSupport#url()}: {@code rabbitmqctl}, or the command in
	 * {@code RABBITMQCTL}. The static methods of this class are shortcuts for it.
	 */
	public static Node local() {
		return LOCAL;
	}

	/**
	 * A broker that another command reaches, such as {@code bash interop/modern/peers.sh ctl forky}.
	 * @param name what to call the node in messages
	 * @param command the command line that runs {@code rabbitmqctl} against it
	 * @param virtualHost the virtual host to list
	 */
	public static Node node(String name, List<String> command, String virtualHost) {
		return new Node(name, List.copyOf(command), virtualHost);
	}

	/** Skips the calling test without rabbitmqctl, or fails it when a broker is required. */
	public static void assumeAvailable() {
		LOCAL.assumeAvailable();
	}

	/** The exchanges whose name passes the filter, by name. */
	public static Map<String, ExchangeInfo> exchanges(Predicate<String> names) {
		return LOCAL.exchanges(names);
	}

	/** The queues whose name passes the filter, by name. */
	public static Map<String, QueueInfo> queues(Predicate<String> names) {
		return LOCAL.queues(names);
	}

	/** The bindings to queues whose name passes the filter, as {@code source -> queue : key}. */
	public static List<String> bindings(Predicate<String> queues) {
		return LOCAL.bindings(queues);
	}

	/** The consumers of queues whose name passes the filter, as {@code queue tag prefetch}. */
	public static List<String> consumers(Predicate<String> queues) {
		return LOCAL.consumers(queues);
	}

	/** A queue's message and consumer counts. */
	public static QueueCounts queueCounts(String queue) {
		return LOCAL.queueCounts(queue);
	}

	/**
	 * Closes, from the broker's side, every connection whose client-provided name starts with the
	 * prefix, as a broker restart or a network failure would.
	 * @return how many it closed
	 */
	public static int closeConnections(String namePrefix) {
		return LOCAL.closeConnections(namePrefix);
	}

	private static List<String> localCommand() {
		String command = System.getenv("RABBITMQCTL");
		return List.of(((command != null) ? command : "rabbitmqctl").split(" "));
	}

	/** A true/false column; quorum queues list {@code exclusive} as an empty string, meaning false. */
	private static boolean flag(JsonNode value) {
		return value.isBoolean() ? value.asBoolean() : "true".equals(value.asString());
	}

	private static Map<String, Argument> arguments(JsonNode row) {
		Map<String, Argument> arguments = new LinkedHashMap<>();
		for (JsonNode argument : row.get("arguments")) {
			arguments.put(argument.get(0).asString(), new Argument(argument.get(1).asString(), argument.get(2).asString()));
		}
		return arguments;
	}

	/**
	 * One RabbitMQ node as {@code rabbitmqctl} sees it: the machine's own ({@link #local()}) or one
	 * of the modern peers' ({@link OsloPeer#ctl()}).
	 */
	public static final class Node {

		private final String name;

		private final List<String> command;

		private final @Nullable String virtualHost;

		private volatile @Nullable Boolean available;

		private Node(String name, List<String> command, @Nullable String virtualHost) {
			this.name = name;
			this.command = command;
			this.virtualHost = virtualHost;
		}

		/** Skips the calling test when rabbitmqctl does not answer, or fails it when a broker is required. */
		public void assumeAvailable() {
			Boolean known = this.available;
			if (known == null) {
				try {
					run("status");
					known = true;
				}
				catch (IllegalStateException ex) {
					known = false;
				}
				this.available = known;
			}
			if (!known) {
				String message = "rabbitmqctl does not answer for " + this.name + " (" + String.join(" ", this.command)
						+ "); set RABBITMQCTL to the command that runs it";
				if (RabbitTestSupport.isRequired() || PythonPeer.isRequired()) {
					Assertions.fail(message);
				}
				Assumptions.abort(message);
			}
		}

		/** The exchanges whose name passes the filter, by name. */
		public Map<String, ExchangeInfo> exchanges(Predicate<String> names) {
			Map<String, ExchangeInfo> exchanges = new LinkedHashMap<>();
			for (JsonNode row : list("list_exchanges", "name", "type", "durable", "auto_delete", "internal", "arguments")) {
				String name = row.get("name").asString();
				if (names.test(name)) {
					exchanges.put(name, new ExchangeInfo(row.get("type").asString(), row.get("durable").asBoolean(),
							row.get("auto_delete").asBoolean(), row.get("internal").asBoolean(), arguments(row)));
				}
			}
			return exchanges;
		}

		/** The queues whose name passes the filter, by name. */
		public Map<String, QueueInfo> queues(Predicate<String> names) {
			Map<String, QueueInfo> queues = new LinkedHashMap<>();
			for (JsonNode row : list("list_queues", "name", "durable", "auto_delete", "exclusive", "arguments")) {
				String name = row.get("name").asString();
				if (names.test(name)) {
					queues.put(name, new QueueInfo(flag(row.get("durable")), flag(row.get("auto_delete")),
							flag(row.get("exclusive")), arguments(row)));
				}
			}
			return queues;
		}

		/** The bindings to queues whose name passes the filter, as {@code source -> queue : key}. */
		public List<String> bindings(Predicate<String> queues) {
			List<String> bindings = new ArrayList<>();
			for (JsonNode row : list("list_bindings", "source_name", "destination_name", "destination_kind",
					"routing_key")) {
				String queue = row.get("destination_name").asString();
				if ("queue".equals(row.get("destination_kind").asString()) && queues.test(queue)) {
					bindings.add(row.get("source_name").asString() + " -> " + queue + " : "
							+ row.get("routing_key").asString());
				}
			}
			return bindings;
		}

		/** The consumers of queues whose name passes the filter, as {@code queue tag prefetch}. */
		public List<String> consumers(Predicate<String> queues) {
			List<String> consumers = new ArrayList<>();
			for (JsonNode row : list("list_consumers", "queue_name", "consumer_tag", "ack_required", "prefetch_count")) {
				String queue = row.get("queue_name").asString();
				if (queues.test(queue)) {
					consumers.add(queue + " tag=" + row.get("consumer_tag").asString() + " ack_required="
							+ row.get("ack_required").asBoolean() + " prefetch=" + row.get("prefetch_count").asInt());
				}
			}
			return consumers;
		}

		/** A queue's message and consumer counts. */
		public QueueCounts queueCounts(String queue) {
			for (JsonNode row : list("list_queues", "name", "messages_ready", "messages_unacknowledged", "consumers")) {
				if (queue.equals(row.get("name").asString())) {
					return new QueueCounts(row.get("messages_ready").asLong(),
							row.get("messages_unacknowledged").asLong(), row.get("consumers").asInt());
				}
			}
			throw new IllegalStateException("no queue " + queue);
		}

		/**
		 * Closes, from the broker's side, every connection whose client-provided name starts with the
		 * prefix, as a broker restart or a network failure would.
		 * @return how many it closed
		 */
		public int closeConnections(String namePrefix) {
			// the JSON formatter prints pids in a form close_connection does not take back
			int closed = 0;
			String marker = "{\"connection_name\",\"" + namePrefix;
			for (String line : run("-q", "--no-table-headers", "-p", virtualHost(), "list_connections", "pid",
					"client_properties").split("\n")) {
				if (line.contains(marker)) {
					run("close_connection", line.substring(0, line.indexOf('\t')), "closed by an oslo4j test");
					closed++;
				}
			}
			return closed;
		}

		/**
		 * Deletes queues; {@code rabbitmqctl} has no command to delete an exchange (use
		 * {@link RabbitTestSupport#delete(String, java.util.Collection, java.util.Collection)}).
		 */
		public void deleteQueues(Collection<String> queues) {
			for (String queue : queues) {
				try {
					run("-q", "-p", virtualHost(), "delete_queue", queue);
				}
				catch (IllegalStateException ex) {
					// already gone
				}
			}
		}

		@Override
		public String toString() {
			return "rabbitmqctl of " + this.name;
		}

		private String virtualHost() {
			return (this.virtualHost != null) ? this.virtualHost : RabbitTestSupport.virtualHost();
		}

		/**
		 * The rows of a listing, {@code rabbitmqctl --formatter json -q -p <vhost> <command> <columns>},
		 * such as {@code rows("list_queues", "name", "type")}.
		 */
		public List<JsonNode> rows(String command, String... columns) {
			List<JsonNode> rows = new ArrayList<>();
			list(command, columns).forEach(rows::add);
			return rows;
		}

		/** {@code rabbitmqctl <arguments>} on this node: its output; fails when it exits with another status than 0. */
		public String ctl(String... arguments) {
			return run(arguments);
		}

		private JsonNode list(String command, String... columns) {
			List<String> arguments = new ArrayList<>(List.of("--formatter", "json", "-q", "-p", virtualHost(), command));
			arguments.addAll(Arrays.asList(columns));
			String output = run(arguments.toArray(String[]::new));
			return mapper.readTree(output.isBlank() ? "[]" : output);
		}

		private String run(String... arguments) {
			List<String> line = new ArrayList<>(this.command);
			line.addAll(Arrays.asList(arguments));
			try {
				Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
				byte[] output = process.getInputStream().readAllBytes();
				if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new IllegalStateException(String.join(" ", line) + " failed: "
							+ new String(output, StandardCharsets.UTF_8));
				}
				return new String(output, StandardCharsets.UTF_8);
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

	/** An exchange as the broker lists it. */
	public record ExchangeInfo(String type, boolean durable, boolean autoDelete, boolean internal,
			Map<String, Argument> arguments) {
	}

	/** A queue as the broker lists it. */
	public record QueueInfo(boolean durable, boolean autoDelete, boolean exclusive, Map<String, Argument> arguments) {
	}

	/** A queue or exchange argument with its AMQP type as the broker stores it ({@code signedint}, {@code longstr}). */
	public record Argument(String type, String value) {
	}

}
