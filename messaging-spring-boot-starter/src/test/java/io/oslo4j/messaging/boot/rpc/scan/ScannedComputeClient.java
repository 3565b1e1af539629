package io.oslo4j.messaging.boot.rpc.scan;

import io.oslo4j.messaging.boot.rpc.RpcClientInterface;

/** A client interface that {@code @EnableRpcClients} finds by scanning. */
@RpcClientInterface(topic = "compute", namespace = "compute", version = "2.0", timeout = "5s")
public interface ScannedComputeClient {

	int count(String value);

}
