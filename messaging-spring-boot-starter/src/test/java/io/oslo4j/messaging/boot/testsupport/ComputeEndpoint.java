package io.oslo4j.messaging.boot.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcEndpoint;

import reactor.core.publisher.Mono;

/** A compute service with blocking, reactive and cast methods, recording the threads that run them. */
@RpcEndpoint(namespace = "compute", version = "2.3")
public class ComputeEndpoint {

	/** How long {@link #slow(String)} takes. */
	public static final Duration SLOW = Duration.ofMillis(300);

	public final Queue<String> threads = new ConcurrentLinkedQueue<>();

	public final Queue<Thread> threadObjects = new ConcurrentLinkedQueue<>();

	public final Queue<String> reboots = new ConcurrentLinkedQueue<>();

	public HostInfo getHostInfo(RequestContext context, String host) {
		record();
		return new HostInfo(host, context.getString("user"));
	}

	public Mono<String> resize(String id, String flavor) {
		return Mono.fromCallable(() -> {
			record();
			return id + ":" + flavor;
		});
	}

	public Mono<String> slow(String value) {
		return Mono.delay(SLOW).thenReturn(value);
	}

	public Mono<String> never() {
		return Mono.never();
	}

	public void reboot(String id) {
		record();
		this.reboots.add(id);
	}

	public List<HostInfo> hosts(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new HostInfo("host-" + i, null)).toList();
	}

	public int count(String value) {
		return value.length();
	}

	public void fail(String message) {
		throw new IllegalArgumentException(message);
	}

	private void record() {
		this.threads.add(Thread.currentThread().getName());
		this.threadObjects.add(Thread.currentThread());
	}

}
