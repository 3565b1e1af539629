package io.oslo4j.messaging.rpc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.wire.RpcRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.oslo4j.messaging.rpc.DispatcherFixture.dispatcher;
import static io.oslo4j.messaging.rpc.DispatcherFixture.invoke;
import static io.oslo4j.messaging.rpc.DispatcherFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RPC's parameter resolvers: the request context by type, every other parameter from the
 * request's keyword arguments by name, as a Python endpoint receives them.
 */
class RpcArgumentBindingTests {

	@Test
	void camelCaseMethodsAndParametersAreReachableInSnakeCase() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		RpcRequest request = request("get_host_info", null, null, Map.of("host_name", "h1"));
		assertThat(invoke(dispatcher, request)).isEqualTo("info:h1");
		assertThat(invoke(dispatcher, request("getHostInfo", null, null, Map.of("hostName", "h2")))).isEqualTo("info:h2");
	}

	@Test
	void argumentsAreConvertedToRecordsAndGenericTypes() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		Map<String, Object> args = Map.of("flavor", Map.of("name", "m1", "vcpus", 2), "tags", List.of(1, 2, 3));
		assertThat(invoke(dispatcher, request("resize", null, null, args))).isEqualTo("m1/2/6");
	}

	@Test
	void theContextParameterIsOptionalAndBoundByType() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		RequestContext context = RequestContext.of(Map.of("user", "u1"));
		RpcRequest request = new RpcRequest("whoami", DispatcherFixture.MAPPER.createObjectNode(), null, null, null, null, null, null,
				context);
		assertThat(dispatcher.resolve(request).invocation(context, request.args(), Serializer.jackson(DispatcherFixture.MAPPER)).invoke().block().asString())
			.isEqualTo("u1");
	}

	@Test
	void missingAndUnexpectedArgumentsAreTypeErrorsAsInPython() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		assertThatExceptionOfType(ArgumentException.class)
			.isThrownBy(() -> invoke(dispatcher, request("get_host_info", null, null, Map.of())))
			.withMessage("getHostInfo() missing 1 required positional argument: 'hostName'");
		assertThatExceptionOfType(ArgumentException.class)
			.isThrownBy(() -> invoke(dispatcher, request("get_host_info", null, null, Map.of("host_name", "h", "x", 1))))
			.withMessage("getHostInfo() got an unexpected keyword argument 'x'");
		assertThatExceptionOfType(ArgumentException.class)
			.isThrownBy(() -> invoke(dispatcher, request("resize", null, null, Map.of("flavor", "text", "tags", List.of()))))
			.withMessageContaining("'flavor'");
	}

	@Test
	void optionalAndNullableParametersMayBeOmitted() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		assertThat(invoke(dispatcher, request("defaults", null, null, Map.of()))).isEqualTo("none/null");
		assertThat(invoke(dispatcher, request("defaults", null, null, Map.of("limit", 5, "marker", "m"))))
			.isEqualTo("5/m");
	}

	@Test
	void anUnexpectedArgumentIsReportedBeforeAMissingOneAsPythonDoes() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		assertThatExceptionOfType(ArgumentException.class)
			.isThrownBy(() -> invoke(dispatcher, request("get_host_info", null, null, Map.of("x", 1))))
			.withMessage("getHostInfo() got an unexpected keyword argument 'x'");
	}

	@Test
	void rpcParamNamesTheArgumentAParameterIsBoundFrom() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Compute()));
		assertThat(invoke(dispatcher, request("rename", null, null, Map.of("instance_uuid", "u1")))).isEqualTo("u1");
		assertThatExceptionOfType(ArgumentException.class)
			.isThrownBy(() -> invoke(dispatcher, request("rename", null, null, Map.of("id", "u1"))))
			.withMessage("rename() got an unexpected keyword argument 'id'");
	}

	public record Flavor(String name, int vcpus) {
	}

	public static class Compute {

		public String getHostInfo(String hostName) {
			return "info:" + hostName;
		}

		public String resize(Flavor flavor, List<Integer> tags) {
			return flavor.name() + "/" + flavor.vcpus() + "/" + tags.stream().mapToInt(Integer::intValue).sum();
		}

		public String whoami(RequestContext context) {
			return context.getString("user");
		}

		public String defaults(Optional<Integer> limit, @Nullable String marker) {
			return limit.map(String::valueOf).orElse("none") + "/" + marker;
		}

		public String rename(@RpcParam("instance_uuid") String id) {
			return id;
		}

	}

}
