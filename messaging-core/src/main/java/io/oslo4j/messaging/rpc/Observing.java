package io.oslo4j.messaging.rpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Calls an {@link RpcObserver} so that what it throws never reaches a call, and observes a
 * client's send from its subscription to its outcome.
 */
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

	/**
	 * A client's send, deferred to subscription and observed from then until its outcome; the
	 * context it sends is the call's with what the observer propagates.
	 */
	static <T> Mono<T> clientCall(RpcObserver observer, RpcObserver.Call call, Function<RequestContext, Mono<T>> send) {
		if (observer == RpcObserver.NONE) {
			return Mono.defer(() -> send.apply(call.context()));
		}
		return Mono.defer(() -> {
			Map<String, String> propagation = new LinkedHashMap<>();
			RpcObserver.Completion completion = onClientCall(observer, call, propagation);
			RequestContext context = call.context();
			for (Map.Entry<String, String> entry : propagation.entrySet()) {
				context = context.with(entry.getKey(), entry.getValue());
			}
			RequestContext sent = context;
			AtomicBoolean ended = new AtomicBoolean();
			Consumer<@Nullable Throwable> end = (failure) -> {
				if (ended.compareAndSet(false, true)) {
					complete(completion, failure);
				}
			};
			// Ended before the outcome reaches the caller, so that the caller finds the observation closed.
			return Mono.defer(() -> send.apply(sent))
				.doOnSuccess((value) -> end.accept(null))
				.doOnError(end)
				.doOnCancel(() -> end.accept(new CancellationException("call cancelled")));
		});
	}

	private static RpcObserver.Completion onClientCall(RpcObserver observer, RpcObserver.Call call,
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
