package io.oslo4j.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Where a message goes, or what a server listens to: oslo.messaging's {@code Target}.
 *
 * <p>A target is an immutable value. Which fields matter depends on its use: an RPC client needs
 * a {@code topic} (and may narrow it with {@code server} or widen it with {@code fanout}); an RPC
 * server needs a {@code topic} and a {@code server}; an endpoint uses {@code namespace},
 * {@code version} and {@code legacyNamespaces}; a notification listener needs a {@code topic}.
 * The checks are made where oslo makes them (see {@link #requireTopic(String)} and
 * {@link #requireServer()}), not at construction, so partial targets can be built and refined
 * with the {@code withXxx} methods.
 *
 * @since 0.1
 */
public final class Target {

	private final @Nullable String exchange;
	private final @Nullable String topic;
	private final @Nullable String namespace;
	private final @Nullable String version;
	private final @Nullable String server;
	private final boolean fanout;
	private final List<String> legacyNamespaces;

	private Target(@Nullable String exchange, @Nullable String topic, @Nullable String namespace,
			@Nullable String version, @Nullable String server, boolean fanout, List<String> legacyNamespaces) {
		this.exchange = exchange;
		this.topic = topic;
		this.namespace = namespace;
		this.version = version;
		this.server = server;
		this.fanout = fanout;
		this.legacyNamespaces = List.copyOf(legacyNamespaces);
	}

	/** An empty target: no topic, the default namespace, version "1.0" when read by a server. */
	public static Target empty() {
		return new Target(null, null, null, null, null, false, List.of());
	}

	/** A target for a topic, on the transport's control exchange. */
	public static Target topic(String topic) {
		return empty().withTopic(topic);
	}

	/** The target an endpoint declares: its namespace (null for the default) and version. */
	public static Target endpoint(@Nullable String namespace, @Nullable String version) {
		return empty().withNamespace(namespace).withVersion(version);
	}

	public @Nullable String exchange() {
		return this.exchange;
	}

	public @Nullable String topic() {
		return this.topic;
	}

	public @Nullable String namespace() {
		return this.namespace;
	}

	public @Nullable String version() {
		return this.version;
	}

	public @Nullable String server() {
		return this.server;
	}

	public boolean fanout() {
		return this.fanout;
	}

	/** Namespaces an endpoint also answers to, besides {@link #namespace()}. */
	public List<String> legacyNamespaces() {
		return this.legacyNamespaces;
	}

	/**
	 * The namespaces an endpoint with this target accepts: its namespace (possibly null, the
	 * default namespace) followed by the legacy namespaces.
	 */
	public List<@Nullable String> acceptedNamespaces() {
		List<@Nullable String> accepted = new ArrayList<>(this.legacyNamespaces.size() + 1);
		accepted.add(this.namespace);
		accepted.addAll(this.legacyNamespaces);
		return Collections.unmodifiableList(accepted);
	}

	public Target withExchange(@Nullable String exchange) {
		return new Target(exchange, this.topic, this.namespace, this.version, this.server, this.fanout,
				this.legacyNamespaces);
	}

	public Target withTopic(@Nullable String topic) {
		return new Target(this.exchange, topic, this.namespace, this.version, this.server, this.fanout,
				this.legacyNamespaces);
	}

	public Target withNamespace(@Nullable String namespace) {
		return new Target(this.exchange, this.topic, namespace, this.version, this.server, this.fanout,
				this.legacyNamespaces);
	}

	/**
	 * A copy with another version.
	 * @throws MessagingException if the version is not {@code MAJOR.MINOR[.REVISION]}
	 */
	public Target withVersion(@Nullable String version) {
		if (version != null) {
			Version.parse(version);
		}
		return new Target(this.exchange, this.topic, this.namespace, version, this.server, this.fanout,
				this.legacyNamespaces);
	}

	public Target withServer(@Nullable String server) {
		return new Target(this.exchange, this.topic, this.namespace, this.version, server, this.fanout,
				this.legacyNamespaces);
	}

	public Target withFanout(boolean fanout) {
		return new Target(this.exchange, this.topic, this.namespace, this.version, this.server, fanout,
				this.legacyNamespaces);
	}

	public Target withLegacyNamespaces(List<String> legacyNamespaces) {
		return new Target(this.exchange, this.topic, this.namespace, this.version, this.server, this.fanout,
				legacyNamespaces);
	}

	/**
	 * Checks that the target names a topic, as oslo does before sending or listening.
	 * @param use what the target is used for, for the message ("a call", "a notification listener")
	 * @return the topic
	 * @throws InvalidTargetException if the topic is missing or empty
	 */
	public String requireTopic(String use) {
		if (this.topic == null || this.topic.isEmpty()) {
			throw new InvalidTargetException("A topic is required for " + use, this);
		}
		return this.topic;
	}

	/**
	 * Checks that the target names both a topic and a server, as an RPC server needs.
	 * @return the server
	 * @throws InvalidTargetException if either is missing or empty
	 */
	public String requireServer() {
		requireTopic("an RPC server");
		if (this.server == null || this.server.isEmpty()) {
			throw new InvalidTargetException("A server is required for an RPC server", this);
		}
		return this.server;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof Target that && this.fanout == that.fanout
				&& Objects.equals(this.exchange, that.exchange) && Objects.equals(this.topic, that.topic)
				&& Objects.equals(this.namespace, that.namespace) && Objects.equals(this.version, that.version)
				&& Objects.equals(this.server, that.server) && this.legacyNamespaces.equals(that.legacyNamespaces);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.exchange, this.topic, this.namespace, this.version, this.server, this.fanout,
				this.legacyNamespaces);
	}

	@Override
	public String toString() {
		StringJoiner fields = new StringJoiner(", ", "<Target ", ">").setEmptyValue("<Target>");
		append(fields, "exchange", this.exchange);
		append(fields, "topic", this.topic);
		append(fields, "namespace", this.namespace);
		append(fields, "version", this.version);
		append(fields, "server", this.server);
		if (this.fanout) {
			fields.add("fanout=true");
		}
		if (!this.legacyNamespaces.isEmpty()) {
			fields.add("legacy_namespaces=" + this.legacyNamespaces);
		}
		return fields.toString();
	}

	private static void append(StringJoiner fields, String name, @Nullable String value) {
		if (value != null) {
			fields.add(name + "=" + value);
		}
	}

}
