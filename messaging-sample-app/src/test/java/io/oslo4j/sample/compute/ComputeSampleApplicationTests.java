package io.oslo4j.sample.compute;

import java.util.Map;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The demonstration as it runs by default: 500 calls to each form of resize. */
@SpringBootTest(properties = "messaging.transport-url=fake:///sample-tests")
@ExtendWith(OutputCaptureExtension.class)
class ComputeSampleApplicationTests {

	@Autowired
	private RpcClient rpcClient;

	@Test
	void theDemonstrationShowsEveryKindOfMessageAndTheComparisonTable(CapturedOutput output) {
		assertThat(output.getOut()).contains("call    get_host_info()", "cast    reboot(vm-1)", "fanout  refresh_cache()",
				"error   delete(vm-404)", "InstanceNotFoundException: Instance vm-404 could not be found.",
				"notify  compute.instance.resize.end", "| resize_blocking | Server ", "| resize          | Mono<Server> ");
	}

	@Test
	void afterTheDemonstrationInstanceVm404IsStillUnknownAsTheReadmeSays() {
		RemoteException failure = catchThrowableOfType(RemoteException.class,
				() -> this.rpcClient.withNamespace("compute")
					.withVersion("2.3")
					.call(RequestContext.empty(), "delete", Map.of("instance_id", "vm-404")));

		assertThat(failure.getExcType()).isEqualTo("InstanceNotFoundException");
		assertThat(failure.getValue()).isEqualTo("Instance vm-404 could not be found.");
	}

	@Test
	void theServiceServesInterfaceCompute23AsTheReadmeDeclaresIt() {
		Server server = this.rpcClient.withNamespace("compute")
			.withVersion("2.3")
			.call(RequestContext.empty(), "resize", Map.of("instance_id", "vm-1", "flavor", "m1.large"), Server.class);

		assertThat(server).isEqualTo(new Server("vm-1", "m1.large", "ACTIVE"));
	}

}
