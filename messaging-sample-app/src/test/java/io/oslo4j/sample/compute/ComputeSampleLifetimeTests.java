package io.oslo4j.sample.compute;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample says "The service keeps serving": on fake://, whose threads are all daemons or idle
 * workers that time out, something must keep the JVM up until the application is stopped.
 */
class ComputeSampleLifetimeTests {

	@Test
	void aThreadThatIsNeitherADaemonNorAnIdleWorkerKeepsTheServiceUpUntilItsContextCloses() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ComputeSampleApplication.class)
			.run("--messaging.transport-url=fake:///lifetime-tests", "--sample.demo.enabled=false");
		List<Thread> keepingAlive;
		try {
			keepingAlive = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !before.contains(thread) && !thread.isDaemon()
						&& !thread.getName().startsWith("oslo4j-worker-"))
				.toList();
			assertThat(keepingAlive).isNotEmpty();
		}
		finally {
			context.close();
		}
		await().untilAsserted(() -> assertThat(keepingAlive).noneMatch(Thread::isAlive));
	}

}
