package io.oslo4j.messaging.boot.rpc.scan;

/** An interface without {@code @RpcClientInterface}, which scanning leaves alone. */
public interface NotAClient {

	int count(String value);

}
