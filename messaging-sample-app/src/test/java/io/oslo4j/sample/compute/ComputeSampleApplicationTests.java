package io.oslo4j.sample.compute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "messaging.transport-url=fake:///sample-tests", "sample.demo.calls=50" })
@ExtendWith(OutputCaptureExtension.class)
class ComputeSampleApplicationTests {

	@Test
	void theDemonstrationShowsEveryKindOfMessageAndTheComparisonTable(CapturedOutput output) {
		assertThat(output.getOut()).contains("call    get_host_info()", "cast    reboot(vm-1)", "fanout  refresh_cache()",
				"error   delete(vm-404)", "InstanceNotFoundException: Instance vm-404 could not be found.",
				"notify  compute.instance.resize.end", "| resize_blocking | Server ", "| resize          | Mono<Server> ");
	}

}
