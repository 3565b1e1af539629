package io.oslo4j.messaging.boot.observation;

import io.micrometer.common.KeyValues;
import io.oslo4j.messaging.rpc.RpcObserver;

import io.oslo4j.messaging.boot.observation.RpcObservationDocumentation.HighCardinalityKeyNames;
import io.oslo4j.messaging.boot.observation.RpcObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default convention of RPC server observations: named {@code oslo.rpc.server}, with the topic,
 * method, kind, executor, outcome and exception as low-cardinality keys, and the server's name as a
 * high-cardinality key. The contextual name (a span's name) is {@code <topic> <method>}.
 *
 * @since 0.1
 */
public class DefaultRpcServerObservationConvention implements RpcServerObservationConvention {

	/** The observation's name. */
	public static final String NAME = "oslo.rpc.server";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RpcServerObservationContext context) {
		return context.getCall().target().topic() + " " + context.getCall().method();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RpcServerObservationContext context) {
		RpcObserver.Call call = context.getCall();
		return KeyValues.of(LowCardinalityKeyNames.TOPIC.withValue(RpcObservationDocumentation.orNone(call.target().topic())),
				LowCardinalityKeyNames.METHOD.withValue(call.method()),
				LowCardinalityKeyNames.KIND.withValue(call.expectsReply() ? "call" : "cast"),
				LowCardinalityKeyNames.EXECUTOR
					.withValue((call.executor() != null) ? call.executor().configName() : "none"),
				RpcObservationDocumentation.outcome(context.getError()),
				RpcObservationDocumentation.exception(context.getError()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RpcServerObservationContext context) {
		return KeyValues
			.of(HighCardinalityKeyNames.SERVER.withValue(RpcObservationDocumentation.orNone(context.getCall().target().server())));
	}

}
