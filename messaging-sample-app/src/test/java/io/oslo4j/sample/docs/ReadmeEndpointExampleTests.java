package io.oslo4j.sample.docs;

import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.sample.compute.ComputeEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README calls its endpoint example "the compute-like service": it must declare what the sample does. */
class ReadmeEndpointExampleTests {

	@Test
	void theReadmeEndpointExampleDeclaresTheSampleEndpointNamespaceAndVersion() {
		RpcEndpoint sample = ComputeEndpoint.class.getAnnotation(RpcEndpoint.class);
		String example = Repository.readme().codeBlockAfter("oslo4j", "java");

		assertThat(example).contains("@RpcEndpoint(namespace = \"" + sample.namespace() + "\", version = \""
				+ sample.version() + "\")");
	}

}
