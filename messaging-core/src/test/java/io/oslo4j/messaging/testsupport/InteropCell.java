package io.oslo4j.messaging.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Assumptions;

/**
 * One cell of the interop matrix: a Python peer with its broker and the options both sides run
 * with. Test classes take a cell as their parameter (the class says the direction), so every
 * result is reported as peer × option set × direction.
 *
 * <pre>{@code
 * @ParameterizedClass(name = "{0}")
 * @MethodSource("io.oslo4j.messaging.testsupport.InteropCell#all")
 * class JavaClientToPythonServerTests {
 *     JavaClientToPythonServerTests(InteropCell cell) { ... cell.startServer(...) ... cell.javaUrl() ... }
 * }
 * }</pre>
 *
 * @param peer the Python peer and its broker
 * @param options the options of both sides
 * @since 0.1
 */
public record InteropCell(OsloPeer peer, OsloOptionSet options) {

	/** The peers of the matrix, in the order they are reported. */
	public static final List<OsloPeer> PEERS = List.of(OsloPeer.OSLO_14, OsloPeer.OSLO_16, OsloPeer.OSLO_18);

	/** Every cell: each peer of {@link #PEERS} with each option set it has. */
	public static Stream<InteropCell> all() {
		return PEERS.stream()
			.flatMap((peer) -> Arrays.stream(OsloOptionSet.values())
				.filter((options) -> options.isSupportedBy(peer))
				.map((options) -> new InteropCell(peer, options)));
	}

	/** The cells of the modern peers (16.1 and 18.3) with defaults and quorum queues. */
	public static Stream<InteropCell> modernWithoutKolla() {
		return all().filter((cell) -> cell.peer().isModern() && cell.options() != OsloOptionSet.KOLLA);
	}

	/** Skips the calling test when the peer is missing (or fails it when required); see {@link OsloPeer#assumeAvailable()}. */
	public void assumePython() {
		this.peer.assumeAvailable();
	}

	/**
	 * {@link #assumePython()}, and skips the calling test when the Java side does not take this
	 * cell's options yet ({@link OsloOptionSet#KOLLA_SWITCH}). That is a skip even when
	 * {@code OSLO_INTEROP_REQUIRED=true}: the cell waits for Java, not for the machine.
	 */
	public void assumeJava() {
		assumePython();
		Assumptions.assumeTrue(this.options.isSupportedByJava(), () -> "gated: the Java side of the " + this.options
				+ " options " + this.options.rabbitOptions().keySet() + " is switched off by -D" + OsloOptionSet.KOLLA_SWITCH
				+ "=false");
	}

	/**
	 * Whether {@link #assumeJava()} would pass. Set-up shared by a cell's tests (a parameterized
	 * class invocation) checks this and does nothing otherwise, and each test calls
	 * {@code assumeJava()}: so a gated or missing cell is reported test by test, with its reason,
	 * rather than vanishing from the report.
	 */
	public boolean isRunnableWithJava() {
		return this.options.isSupportedByJava() && this.peer.isAvailable();
	}

	/** The Java transport URL of this cell: the peer's broker with the cell's options. */
	public TransportUrl javaUrl() {
		return this.peer.javaUrl(this.options.javaOptions());
	}

	/** Starts {@code oslo_server.py} of the peer with the cell's options added to {@code args}. */
	public PythonServer startServer(List<String> args) {
		return this.peer.startServer(withOptions(args));
	}

	/** Runs {@code oslo_client.py} of the peer with the cell's options added to {@code args}. */
	public PythonResult client(List<String> args) {
		return this.peer.client(withOptions(args));
	}

	/** Like {@link #client(List)}, killing the client after {@code timeout}. */
	public PythonResult client(List<String> args, Duration timeout) {
		return this.peer.client(withOptions(args), timeout);
	}

	/** {@code rabbitmqctl} of the peer's broker. */
	public RabbitCtl.Node ctl() {
		return this.peer.ctl();
	}

	/** The control exchange of the cell: the option set's, else oslo's {@code openstack}. */
	public String controlExchange() {
		String exchange = this.options.controlExchange();
		return (exchange != null) ? exchange : "openstack";
	}

	/**
	 * Deletes queues from the peer's broker, ignoring those that do not exist: the queues oslo
	 * declares outlive their consumers (durable quorum queues included), and the brokers are shared
	 * by every test run on the machine.
	 */
	public void deleteQueues(Collection<String> queues) {
		RabbitTestSupport.delete(this.peer.url(), queues, List.of());
	}

	/**
	 * The queues of an RPC topic served by these servers: the topic's, each server's, and the topic's
	 * stream fanout queue (a per-server fanout queue is deleted by its server when it stops).
	 */
	public static List<String> rpcQueues(String topic, String... servers) {
		List<String> queues = new ArrayList<>(List.of(topic, topic + "_fanout"));
		Arrays.stream(servers).map((server) -> topic + "." + server).forEach(queues::add);
		return queues;
	}

	/** The queues of a notification topic: one per priority, and one per listener pool. */
	public static List<String> notificationQueues(String topic, Collection<String> pools) {
		List<String> queues = new ArrayList<>(pools);
		for (String priority : List.of("audit", "debug", "info", "warn", "error", "critical", "sample")) {
			queues.add(topic + "." + priority);
		}
		return queues;
	}

	private List<String> withOptions(List<String> args) {
		List<String> all = new ArrayList<>(args);
		all.addAll(this.options.pythonArguments());
		return all;
	}

	@Override
	public String toString() {
		return this.peer + ", " + this.options;
	}

}
