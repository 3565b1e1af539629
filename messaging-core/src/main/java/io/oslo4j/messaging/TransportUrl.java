package io.oslo4j.messaging;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * A parsed transport URL, in oslo.messaging's syntax:
 * {@code driver://[user:pass@]host[:port][,[user:pass@]host[:port]...]/virtual_host[?key=value...]}.
 *
 * <p>Hosts are separated by commas and each may carry its own percent-encoded credentials; IPv6
 * literals go in brackets; the path without its leading slash is the virtual host; query
 * parameters are options of the transport, and a repeated key has its values joined with commas.
 * {@code toString()} never shows a password.
 *
 * @since 0.1
 */
public final class TransportUrl {

	/** The port a host without one connects to. */
	public static final int DEFAULT_PORT = 5672;

	private final String driver;
	private final List<Host> hosts;
	private final @Nullable String virtualHost;
	private final Map<String, String> query;

	private TransportUrl(String driver, List<Host> hosts, @Nullable String virtualHost, Map<String, String> query) {
		this.driver = driver;
		this.hosts = List.copyOf(hosts);
		this.virtualHost = virtualHost;
		this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
	}

	/**
	 * Parses a transport URL.
	 * @throws InvalidTransportUrlException if the text is not a transport URL
	 */
	public static TransportUrl parse(String url) {
		int schemeEnd = url.indexOf("://");
		if (schemeEnd <= 0) {
			throw new InvalidTransportUrlException(url, "expected driver://[user:pass@]host[:port][,...]/vhost");
		}
		String scheme = url.substring(0, schemeEnd);
		int plus = scheme.indexOf('+');
		String driver = (plus >= 0) ? scheme.substring(0, plus) : scheme;
		String rest = url.substring(schemeEnd + 3);
		String queryText = null;
		int question = rest.indexOf('?');
		if (question >= 0) {
			queryText = rest.substring(question + 1);
			rest = rest.substring(0, question);
		}
		String path = null;
		int slash = rest.indexOf('/');
		if (slash >= 0) {
			path = rest.substring(slash + 1);
			rest = rest.substring(0, slash);
		}
		List<Host> hosts = new ArrayList<>();
		if (!rest.isEmpty()) {
			boolean credentials = rest.contains("@");
			for (String hostText : rest.split(",", -1)) {
				hosts.add(parseHost(url, hostText, credentials));
			}
		}
		String virtualHost = (path == null || path.isEmpty()) ? null : decode(path);
		return new TransportUrl(driver, hosts, virtualHost, parseQuery(queryText));
	}

	/**
	 * @param hasCredentials whether the URL has credentials: errors then quote nothing of the host,
	 * which may be part of a password holding a {@code ,}
	 */
	private static Host parseHost(String url, String text, boolean hasCredentials) {
		String username = null;
		String password = null;
		int at = text.lastIndexOf('@');
		String hostPort = text;
		if (at >= 0) {
			String credentials = text.substring(0, at);
			hostPort = text.substring(at + 1);
			int colon = credentials.indexOf(':');
			username = decode((colon >= 0) ? credentials.substring(0, colon) : credentials);
			password = (colon >= 0) ? decode(credentials.substring(colon + 1)) : null;
		}
		String hostname;
		String portText = null;
		if (hostPort.startsWith("[")) {
			int close = hostPort.indexOf(']');
			if (close < 0) {
				throw new InvalidTransportUrlException(url,
						"unclosed '[' in IPv6 host" + quote(hostPort, hasCredentials));
			}
			hostname = hostPort.substring(1, close);
			String after = hostPort.substring(close + 1);
			if (after.startsWith(":")) {
				portText = after.substring(1);
			}
			else if (!after.isEmpty()) {
				throw new InvalidTransportUrlException(url,
						"unexpected text after IPv6 host" + quote(after, hasCredentials));
			}
		}
		else {
			int colon = hostPort.lastIndexOf(':');
			hostname = (colon >= 0) ? hostPort.substring(0, colon) : hostPort;
			portText = (colon >= 0) ? hostPort.substring(colon + 1) : null;
		}
		Integer port = null;
		if (portText != null && !portText.isEmpty()) {
			try {
				port = Integer.parseInt(portText);
			}
			catch (NumberFormatException ex) {
				throw new InvalidTransportUrlException(url, "invalid port" + quote(portText, hasCredentials));
			}
			if (port < 1 || port > 65535) {
				throw new InvalidTransportUrlException(url, "port out of range: " + port);
			}
		}
		return new Host(hostname.isEmpty() ? null : hostname, port, username, password);
	}

	private static String quote(String fragment, boolean hasCredentials) {
		return hasCredentials ? "" : " '" + fragment + "'";
	}

	private static Map<String, String> parseQuery(@Nullable String text) {
		Map<String, String> query = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return query;
		}
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode((eq >= 0) ? pair.substring(0, eq) : pair);
			String value = (eq >= 0) ? decode(pair.substring(eq + 1)) : "";
			query.merge(key, value, (a, b) -> a + "," + b);
		}
		return query;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/** The driver: the scheme up to its first {@code +} ({@code rabbit}, {@code fake}, ...). */
	public String driver() {
		return this.driver;
	}

	/** The hosts in the order written; empty for {@code rabbit://}, which means localhost. */
	public List<Host> hosts() {
		return this.hosts;
	}

	/** The AMQP virtual host, or null for the broker's default ({@code /}). */
	public @Nullable String virtualHost() {
		return this.virtualHost;
	}

	/** Transport options given in the query, by option name. */
	public Map<String, String> query() {
		return this.query;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TransportUrl that && this.driver.equals(that.driver) && this.hosts.equals(that.hosts)
				&& java.util.Objects.equals(this.virtualHost, that.virtualHost) && this.query.equals(that.query);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(this.driver, this.hosts, this.virtualHost, this.query);
	}

	/** The URL with every password replaced by {@code ****}. */
	@Override
	public String toString() {
		StringJoiner hostList = new StringJoiner(",");
		this.hosts.forEach((host) -> hostList.add(host.toString()));
		StringBuilder text = new StringBuilder(this.driver).append("://").append(hostList).append('/');
		if (this.virtualHost != null) {
			text.append(encode(this.virtualHost));
		}
		if (!this.query.isEmpty()) {
			StringJoiner pairs = new StringJoiner("&", "?", "");
			this.query.forEach((key, value) -> pairs.add(encode(key) + "=" + encode(value)));
			text.append(pairs);
		}
		return text.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * One broker host of a transport URL.
	 *
	 * @param hostname the host name or IP literal (without brackets); null when the URL names none
	 * @param port the port, or null for {@link #DEFAULT_PORT}
	 * @param username the user, or null for the transport's default (guest)
	 * @param password the password, or null
	 */
	public record Host(@Nullable String hostname, @Nullable Integer port, @Nullable String username,
			@Nullable String password) {

		/** The host name, {@code localhost} when none was given. */
		public String hostnameOrDefault() {
			return (this.hostname != null) ? this.hostname : "localhost";
		}

		/** The port, {@value TransportUrl#DEFAULT_PORT} when none was given. */
		public int portOrDefault() {
			return (this.port != null) ? this.port : DEFAULT_PORT;
		}

		/** {@code user:****@host:port}, never the password. */
		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			if (this.username != null) {
				text.append(encode(this.username));
				if (this.password != null) {
					text.append(":****");
				}
				text.append('@');
			}
			if (this.hostname != null) {
				text.append(this.hostname.contains(":") ? "[" + this.hostname + "]" : this.hostname);
			}
			if (this.port != null) {
				text.append(':').append(this.port);
			}
			return text.toString();
		}

	}

}
