package io.oslo4j.messaging.rpc;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls an {@link RpcObserver} so that what it throws never reaches a call. */
final class Observing {

	private static final Logger logger = LoggerFactory.getLogger(Observing.class);

	private Observing() {
	}

	static RpcObserver.Completion serverCall(RpcObserver observer, RpcObserver.Call call) {
		try {
			return observer.onServerCall(call);
		}
		catch (RuntimeException ex) {
			logger.warn("RPC observer failed on server call {}", call.method(), ex);
			return RpcObserver.Completion.NONE;
		}
	}

	static RpcObserver.Completion clientCall(RpcObserver observer, RpcObserver.Call call,
			Map<String, String> propagation) {
		try {
			return observer.onClientCall(call, propagation);
		}
		catch (RuntimeException ex) {
			logger.warn("RPC observer failed on client call {}", call.method(), ex);
			return RpcObserver.Completion.NONE;
		}
	}

	static void complete(RpcObserver.Completion completion, @Nullable Throwable failure) {
		try {
			completion.complete(failure);
		}
		catch (RuntimeException ex) {
			logger.warn("RPC observer failed on completion", ex);
		}
	}

}
