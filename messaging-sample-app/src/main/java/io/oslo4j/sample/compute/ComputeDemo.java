package io.oslo4j.sample.compute;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.boot.autoconfigure.MessagingProperties;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import reactor.core.publisher.Flux;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * At start-up, calls the compute service the ways a client can (call, cast, fanout, a remote
 * error, notifications), then sends the same number of concurrent calls to the blocking and to
 * the migrated form of {@code resize} and prints their wall times as a table, so that what the
 * executor does with each is visible in numbers.
 */
@Component
class ComputeDemo implements ApplicationRunner {

	/** The ids of the instances the comparison resizes; no caller's instance starts with it. */
	static final String LOAD_INSTANCE_PREFIX = "load-";

	private final RpcClient client;

	private final ComputeEndpoint compute;

	private final InstanceEventsEndpoint events;

	private final MessagingProperties messaging;

	private final DemoProperties demo;

	private final ConfigurableApplicationContext context;

	private final PrintStream out = System.out;

	ComputeDemo(RpcClient client, ComputeEndpoint compute, InstanceEventsEndpoint events, MessagingProperties messaging,
			DemoProperties demo, ConfigurableApplicationContext context) {
		this.client = client.withNamespace("compute").withVersion("2.3").withTimeout(Duration.ofSeconds(60));
		this.compute = compute;
		this.events = events;
		this.messaging = messaging;
		this.demo = demo;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled()) {
			return;
		}
		ExecutorKind executor = this.messaging.getExecutor();
		this.out.printf("%noslo4j compute sample: executor %s, transport %s, topic %s%n%n", executor.configName(),
				transportName(), this.client.target().topic());
		showEachKindOfMessage();
		compareBlockingAndReactive(executor);
		this.out.printf("%nThe service keeps serving topic '%s'. Switch the executor with --messaging.executor=%s.%n",
				this.client.target().topic(), (executor == ExecutorKind.GREENIO) ? "eventlet" : "greenio");
		if (this.demo.exit()) {
			System.exit(SpringApplication.exit(this.context, () -> 0));
		}
	}

	private void showEachKindOfMessage() {
		RequestContext context = RequestContext.of(Map.of("user_id", "demo", "request_id", "req-demo-1"));
		HostInfo host = this.client.call(context, "get_host_info", Map.of(), HostInfo.class);
		line("call", "get_host_info()", host.toString());
		int reboots = this.compute.reboots();
		this.client.cast(context, "reboot", Map.of("instance_id", "vm-1"));
		awaitUntil(() -> this.compute.reboots() > reboots);
		line("cast", "reboot(vm-1)", "sent; the server rebooted vm-1, nobody waited for a reply");
		int refreshes = this.compute.cacheRefreshes();
		this.client.withFanout(true).cast(context, "refresh_cache", Map.of());
		awaitUntil(() -> this.compute.cacheRefreshes() > refreshes);
		line("fanout", "refresh_cache()", "every server of the topic refreshed its cache");
		try {
			this.client.call(context, "delete", Map.of("instance_id", "vm-404"));
			line("error", "delete(vm-404)", "unexpectedly succeeded");
		}
		catch (RemoteException ex) {
			line("error", "delete(vm-404)", ex.getClass().getSimpleName() + " " + ex.getExcType() + ": " + ex.getValue());
		}
		int before = this.events.received();
		this.client.call(context, "resize", Map.of("instance_id", "vm-1", "flavor", "m1.large"), Server.class);
		awaitUntil(() -> this.events.received() > before);
		line("notify", "compute.instance.resize.end", "published by resize, received by InstanceEventsEndpoint");
	}

	private void compareBlockingAndReactive(ExecutorKind executor) {
		int calls = this.demo.calls();
		this.out.printf("%n%d concurrent calls to each form of resize (%d ms of work per call):%n%n", calls,
				ComputeEndpoint.RESIZE_TIME.toMillis());
		warmUp("resize_blocking");
		warmUp("resize");
		Result blocking = measure("resize_blocking", calls);
		Result reactive = measure("resize", calls);
		String reactiveRunsOn = (executor == ExecutorKind.GREENIO) ? "greenio scheduler, no thread waits"
				: "a worker, which waits";
		this.out.println("| method          | returns      | runs on                            | wall time | calls/s |");
		this.out.println("|-----------------|--------------|------------------------------------|-----------|---------|");
		row("resize_blocking", "Server", "a worker, which waits", blocking);
		row("resize", "Mono<Server>", reactiveRunsOn, reactive);
	}

	/** A few calls first, so that the table compares the executors rather than a cold JIT. */
	private void warmUp(String method) {
		Flux.range(0, 64)
			.flatMap((i) -> this.client.callAsync(RequestContext.empty(), method,
					Map.of("instance_id", "warm-" + i, "flavor", "m1.tiny"), Server.class))
			.blockLast();
	}

	/**
	 * Resizes instances {@code load-0}, {@code load-1}, ...: ids of their own, so that the comparison
	 * creates none of the instances a caller may name, such as the README's unknown {@code vm-404}.
	 */
	private Result measure(String method, int calls) {
		AtomicInteger answered = new AtomicInteger();
		long start = System.nanoTime();
		List<Server> servers = Flux.range(0, calls)
			.flatMap((i) -> this.client.callAsync(RequestContext.empty(), method,
					Map.of("instance_id", LOAD_INSTANCE_PREFIX + i, "flavor", "m1.large"), Server.class), calls)
			.doOnNext((server) -> {
				if (answered.incrementAndGet() == calls / 2) {
					this.out.printf("  %s: %d of %d answered...%n", method, calls / 2, calls);
				}
			})
			.collectList()
			.block();
		Duration wall = Duration.ofNanos(System.nanoTime() - start);
		return new Result(servers.size(), wall);
	}

	private void row(String method, String returns, String runsOn, Result result) {
		this.out.printf("| %-15s | %-12s | %-34s | %7.2f s | %7.0f |%n", method, returns, runsOn,
				result.wall().toMillis() / 1000.0, result.count() / (result.wall().toNanos() / 1e9));
	}

	private void line(String kind, String what, String outcome) {
		this.out.printf("  %-7s %-30s -> %s%n", kind, what, outcome);
	}

	private String transportName() {
		String url = this.messaging.getTransportUrl();
		return StringUtils.hasText(url) ? url.replaceAll("//[^@/]*@", "//")
				: "the Spring AMQP ConnectionFactory (spring.rabbitmq.*)";
	}

	private static void awaitUntil(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the demonstration waited 10 s for the server; is it running?");
			}
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

	private record Result(int count, Duration wall) {
	}

}
