package io.oslo4j.messaging.boot.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.boot.rpc.RpcClientInterface;
import io.oslo4j.messaging.rpc.RpcMethod;
import io.oslo4j.messaging.rpc.RpcParam;

import reactor.core.publisher.Mono;

/** The typed client of {@link ComputeEndpoint}. */
@RpcClientInterface(topic = "${test.compute.topic:compute}", namespace = "compute", version = "2.0")
public interface ComputeClient {

	HostInfo getHostInfo(RequestContext context, String host);

	Mono<String> resize(String id, String flavor);

	Mono<String> slow(String value);

	@RpcMethod("slow")
	CompletableFuture<String> slowFuture(@RpcParam("value") String text);

	@RpcMethod("reboot")
	void rebootInstance(@RpcParam("id") String instance);

	List<HostInfo> hosts(int count);

	int count(String value);

	@RpcMethod("count")
	Integer countOrNull(String value);

	void fail(String message);

	default String describe(String host) {
		return getHostInfo(RequestContext.empty(), host).name() + " described";
	}

}
