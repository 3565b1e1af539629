package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@code [oslo_messaging_rabbit]} options a deployment runs with, as the interop matrix tries
 * them: each gives the Python scripts' {@code --set} arguments and the Java transport URL's query
 * for the same configuration.
 *
 * <p>Each set but oslo's defaults uses a control exchange of its own: quorum queues make oslo
 * declare the control exchange durable, oslo's defaults non-durable, and a broker refuses the
 * second declaration of an exchange with other flags ({@code 406 PRECONDITION_FAILED -
 * inequivalent arg 'durable'}). Other tests on the same broker keep the default {@code openstack}.
 *
 * @since 0.1
 */
public enum OsloOptionSet {

	/** oslo.messaging's own defaults: classic queues, non-durable exchanges. */
	DEFAULTS("oslo's defaults", Map.of(), null),

	/** {@code rabbit_quorum_queue=true}: quorum topic, server and notification queues. */
	QUORUM("rabbit_quorum_queue", Map.of("rabbit_quorum_queue", "true"), "oslo4j_quorum"),

	/**
	 * What Kolla-Ansible writes into every service since 2025.1 (prefetch 50 as in 2026.1):
	 * quorum queues, transient quorum reply and fanout queues, stream fanout, the queue manager,
	 * as {@code interop/modern/kolla.conf} holds them for this matrix and for
	 * {@code messaging-benchmarks cluster-failover}. oslo.messaging 14.0.3 lacks all but the
	 * first and the last.
	 */
	KOLLA("Kolla 2025/2026", kollaOptions(), "oslo4j_kolla");

	/**
	 * The switch for the Kolla column where Java takes part: on unless
	 * {@code -Doslo4j.interop.kolla=false}. It was off while the Java side refused
	 * {@code rabbit_transient_quorum_queue}, {@code rabbit_stream_fanout} and
	 * {@code use_queue_manager} as unknown (issue 11, item 2); with them accepted it stays as the
	 * one place to skip those cells, with this reason, should a Java change break them. Python to
	 * Python the Kolla column always runs.
	 */
	public static final String KOLLA_SWITCH = "oslo4j.interop.kolla";

	private final String title;

	private final Map<String, String> rabbitOptions;

	private final @Nullable String controlExchange;

	OsloOptionSet(String title, Map<String, String> rabbitOptions, @Nullable String controlExchange) {
		this.title = title;
		this.rabbitOptions = rabbitOptions;
		this.controlExchange = controlExchange;
	}

	private static Map<String, String> kollaOptions() {
		Path file = PythonPeer.interopDir().resolve("modern/kolla.conf");
		Properties options = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			options.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the Kolla option set from " + file, ex);
		}
		Map<String, String> sorted = new TreeMap<>();
		options.stringPropertyNames().stream().filter((name) -> !name.startsWith("["))
			.forEach((name) -> sorted.put(name, options.getProperty(name)));
		return Collections.unmodifiableMap(sorted);
	}

	/** The {@code [oslo_messaging_rabbit]} options, in oslo's names. */
	public Map<String, String> rabbitOptions() {
		return this.rabbitOptions;
	}

	/** The control exchange, or null for oslo's {@code openstack}. */
	public @Nullable String controlExchange() {
		return this.controlExchange;
	}

	/** Whether a peer has every option of this set (14.0.3 lacks the Kolla ones). */
	public boolean isSupportedBy(OsloPeer peer) {
		return this != KOLLA || peer != OsloPeer.OSLO_14;
	}

	/** Whether the Java side takes these options yet; see {@link #KOLLA_SWITCH}. */
	public boolean isSupportedByJava() {
		return this != KOLLA || Boolean.parseBoolean(System.getProperty(KOLLA_SWITCH, "true"));
	}

	/** The arguments that configure the Python scripts: {@code --set} and {@code --control-exchange}. */
	public List<String> pythonArguments() {
		List<String> arguments = new ArrayList<>();
		this.rabbitOptions.forEach((name, value) -> arguments.addAll(List.of("--set", "oslo_messaging_rabbit." + name
				+ "=" + value)));
		if (this.controlExchange != null) {
			arguments.addAll(List.of("--control-exchange", this.controlExchange));
		}
		return arguments;
	}

	/** The same configuration as an oslo.config file, for oslo's own command-line tools. */
	public String configFile() {
		StringBuilder file = new StringBuilder("[DEFAULT]\n");
		if (this.controlExchange != null) {
			file.append("control_exchange = ").append(this.controlExchange).append('\n');
		}
		file.append("[oslo_messaging_rabbit]\n");
		this.rabbitOptions.forEach((name, value) -> file.append(name).append(" = ").append(value).append('\n'));
		return file.toString();
	}

	/** The options of a Java transport URL's query, {@code control_exchange} included. */
	public Map<String, String> javaOptions() {
		Map<String, String> options = new LinkedHashMap<>(this.rabbitOptions);
		if (this.controlExchange != null) {
			options.put("control_exchange", this.controlExchange);
		}
		return options;
	}

	@Override
	public String toString() {
		return this.title;
	}

}
