package io.oslo4j.sample.compute;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.ExpectedExceptions;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The compute service's RPC endpoint, interface {@code compute} 2.3: callers send that namespace and
 * a compatible version (2.0 to 2.3). Python callers reach every method under its snake_case name
 * ({@code get_host_info}, {@code resize_blocking}, ...).
 *
 * <p>{@link #resize} is the migrated form of {@link #resizeBlocking}: same arguments, same result,
 * but it returns a {@code Mono} and, under the {@code greenio} executor, holds no thread while it
 * waits. Before the migration it read:
 *
 * <pre>{@code
 * public Server resize(RequestContext context, String instanceId, String flavor) {
 *     sleep(RESIZE_TIME);                                   // a blocking call to the hypervisor
 *     return store(instanceId, flavor);
 * }
 * }</pre>
 */
@Component
@RpcEndpoint(namespace = "compute", version = "2.3")
public class ComputeEndpoint {

	/** How long a resize takes: the time the hypervisor answers in. */
	static final Duration RESIZE_TIME = Duration.ofMillis(200);

	private final Map<String, Server> servers = new ConcurrentHashMap<>();

	private final AtomicInteger reboots = new AtomicInteger();

	private final AtomicInteger cacheRefreshes = new AtomicInteger();

	private final Notifier notifier;

	public ComputeEndpoint(Notifier notifier) {
		this.notifier = notifier;
		this.servers.put("vm-1", new Server("vm-1", "m1.small", "ACTIVE"));
	}

	/** Blocking: reads the host's state (a short blocking call). */
	public HostInfo getHostInfo() throws InterruptedException {
		Thread.sleep(20);
		return new HostInfo(hostName(), this.servers.size(), Thread.currentThread().getName());
	}

	/** Blocking: resizes an instance, holding a worker thread for the whole resize. */
	public Server resizeBlocking(RequestContext context, String instanceId, String flavor) throws InterruptedException {
		Thread.sleep(RESIZE_TIME.toMillis());
		Server server = store(instanceId, flavor);
		this.notifier.info(context, "compute.instance.resize.end", server);
		return server;
	}

	/** Reactive: the same resize, holding no thread while the hypervisor works. */
	public Mono<Server> resize(RequestContext context, String instanceId, String flavor) {
		return Mono.delay(RESIZE_TIME)
			.map((tick) -> store(instanceId, flavor))
			.flatMap((server) -> this.notifier.send(Priority.INFO, context, "compute.instance.resize.end", server)
				.thenReturn(server));
	}

	/** A cast: reboots an instance; nobody waits for it. */
	public void reboot(String instanceId) {
		this.reboots.incrementAndGet();
	}

	/** A fanout cast: every compute service refreshes its cache. */
	public void refreshCache() {
		this.cacheRefreshes.incrementAndGet();
	}

	/** Deletes an instance; an unknown one is an error the caller receives. */
	@ExpectedExceptions(InstanceNotFoundException.class)
	public void delete(String instanceId) {
		if (this.servers.remove(instanceId) == null) {
			throw new InstanceNotFoundException("Instance " + instanceId + " could not be found.");
		}
	}

	int reboots() {
		return this.reboots.get();
	}

	int cacheRefreshes() {
		return this.cacheRefreshes.get();
	}

	private Server store(String instanceId, String flavor) {
		Server server = new Server(instanceId, flavor, "ACTIVE");
		this.servers.put(instanceId, server);
		return server;
	}

	private static String hostName() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			return "localhost";
		}
	}

}
