package io.oslo4j.messaging.rpc;

import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.wire.RpcRequest;
import io.oslo4j.messaging.wire.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Dispatchers, requests and calls for the tests of dispatch and argument binding, without a transport. */
final class DispatcherFixture {

	static final JsonMapper MAPPER = WireJson.mapper();

	private DispatcherFixture() {
	}

	static RpcDispatcher dispatcher(AccessPolicy policy, Endpoint... endpoints) {
		return new RpcDispatcher(List.of(endpoints), policy, MAPPER);
	}

	static RpcRequest request(@Nullable String method, @Nullable String namespace, @Nullable String version) {
		return request(method, namespace, version, Map.of());
	}

	static RpcRequest request(@Nullable String method, @Nullable String namespace, @Nullable String version,
			Map<String, ?> args) {
		return new RpcRequest(method, MAPPER.valueToTree(args), namespace, version, null, null, null, null,
				RequestContext.empty());
	}

	/** The result of calling the method that serves the request, as text; null for JSON null. */
	static @Nullable String invoke(RpcDispatcher dispatcher, RpcRequest request) {
		JsonNode result = dispatcher.resolve(request)
			.invocation(request.context(), request.args(), Serializer.jackson(MAPPER))
			.invoke()
			.block();
		return (result == null || result.isNull()) ? null : result.asString();
	}

}
