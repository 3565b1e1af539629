package io.oslo4j.messaging.boot.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of oslo4j messaging: up while the transport holds a working connection that the broker
 * does not block (a resource alarm) and every running RPC server is consuming; down otherwise.
 * Details: whether the transport is connected, why the broker blocks it if it does, and for
 * each server its topic, name, executor, whether it runs and consumes, and its requests in flight.
 * A server that is not running (before start, or stopping) does not make the application down.
 *
 * @since 0.1
 */
public class MessagingHealthIndicator extends AbstractHealthIndicator {

	private final Transport transport;

	private final List<RpcServer> servers;

	private final List<NotificationListener> listeners;

	/**
	 * A health indicator for a transport and the servers built on it.
	 * @param transport the transport whose connection is checked
	 * @param servers the servers to report, in order
	 */
	public MessagingHealthIndicator(Transport transport, List<RpcServer> servers) {
		this(transport, servers, List.of());
	}

	/**
	 * A health indicator for a transport and the servers and notification listeners built on it.
	 * @param transport the transport whose connection is checked
	 * @param servers the servers to report, in order
	 * @param listeners the notification listeners to report, in order
	 */
	public MessagingHealthIndicator(Transport transport, List<RpcServer> servers, List<NotificationListener> listeners) {
		super("Messaging health check failed");
		this.transport = transport;
		this.servers = List.copyOf(servers);
		this.listeners = List.copyOf(listeners);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean connected = this.transport.driver().isConnected();
		String blocked = this.transport.driver().blockedReason();
		boolean healthy = connected && blocked == null;
		Map<String, Object> transport = new LinkedHashMap<>();
		transport.put("connected", connected);
		transport.put("controlExchange", this.transport.driver().controlExchange());
		if (blocked != null) {
			// a broker alarm: publishes wait and calls time out until the broker lifts it
			transport.put("blocked", blocked);
		}
		builder.withDetail("transport", transport);
		Map<String, Object> servers = new LinkedHashMap<>();
		for (RpcServer server : this.servers) {
			boolean running = server.isRunning();
			boolean consuming = server.isConsuming();
			healthy &= !running || consuming;
			Target target = server.target();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("topic", target.topic());
			details.put("server", target.server());
			details.put("executor", server.executorKind().configName());
			details.put("running", running);
			details.put("consuming", consuming);
			details.put("inFlight", server.inFlight());
			servers.put(target.topic() + "." + target.server(), details);
		}
		if (!servers.isEmpty()) {
			builder.withDetail("servers", servers);
		}
		Map<String, Object> listeners = new LinkedHashMap<>();
		for (NotificationListener listener : this.listeners) {
			boolean running = listener.isRunning();
			boolean consuming = listener.isConsuming();
			healthy &= !running || consuming;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("topics", listener.targets().stream().map(Target::topic).toList());
			details.put("running", running);
			details.put("consuming", consuming);
			details.put("inFlight", listener.inFlight());
			listeners.put(String.join(",", listener.targets().stream().map(Target::topic).toList()), details);
		}
		if (!listeners.isEmpty()) {
			builder.withDetail("listeners", listeners);
		}
		if (healthy) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
