package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queue-manager names as oslo 18.3's {@code QManager} gives them, in its files: unique among the
 * processes of a host, and taken again by a restarted process. Process groups are made up here;
 * {@code ModernQueueManagerTests} shares the counter with a real Python process.
 */
class QueueManagerTests {

	private static final ProcessGroup FIRST_RUN = new ProcessGroup(4100, 77_000);

	private static final ProcessGroup RESTARTED = new ProcessGroup(4300, 79_500);

	private static final ProcessGroup OTHER_SERVICE = new ProcessGroup(5200, 80_100);

	@TempDir
	Path shm;

	@TempDir
	Path locks;

	private final Set<ProcessGroup> running = new HashSet<>();

	@Test
	void theProcessesOfOneGroupTakeTheNumbersInTurnUnderHostnameAndProcessname() {
		QueueManager manager = manager(FIRST_RUN);
		QueueManager worker = manager(FIRST_RUN);

		assertThat(manager.next()).isEqualTo("vm:nova-compute:1");
		assertThat(worker.next()).isEqualTo("vm:nova-compute:2");
		assertThat(manager.next()).isEqualTo("vm:nova-compute:3");
	}

	@Test
	void theCounterIsOslosFileInOslosFormatBesideOslosLockFile() throws IOException {
		manager(FIRST_RUN).next();
		manager(FIRST_RUN).next();

		assertThat(Files.readString(this.shm.resolve("vm_nova-compute_qmanager"))).isEqualTo("4100:2:77000");
		assertThat(this.locks.resolve("oslo_read_shm_vm_nova-compute")).exists();
	}

	@Test
	void aRestartedServiceTakesTheNamesOfItsPreviousRunAgain() {
		this.running.add(FIRST_RUN);
		QueueManager firstRun = manager(FIRST_RUN);
		firstRun.next();
		firstRun.next();
		this.running.remove(FIRST_RUN);

		QueueManager restarted = manager(RESTARTED);

		assertThat(restarted.next()).isEqualTo("vm:nova-compute:1");
		assertThat(restarted.next()).isEqualTo("vm:nova-compute:2");
	}

	@Test
	void aProcessOfAnotherLiveGroupContinuesItsCountAndLeavesTheCounterToIt() throws IOException {
		this.running.add(FIRST_RUN);
		manager(FIRST_RUN).next();

		assertThat(manager(OTHER_SERVICE).next()).isEqualTo("vm:nova-compute:2");
		assertThat(Files.readString(this.shm.resolve("vm_nova-compute_qmanager"))).isEqualTo("4100:2:77000");
		assertThat(manager(FIRST_RUN).next()).isEqualTo("vm:nova-compute:3");
	}

	@Test
	void aProcessNeverTakesANumberTwiceEvenWhenAnotherGroupRestartedTheCountMeanwhile() throws IOException {
		QueueManager manager = manager(FIRST_RUN);
		manager.next();
		manager.next();
		Files.writeString(this.shm.resolve("vm_nova-compute_qmanager"), "9999:7:1", StandardCharsets.US_ASCII);

		assertThat(manager.next()).isEqualTo("vm:nova-compute:3");
	}

	@Test
	void aCounterItCannotReadStartsAgainAsOslosDoes() throws IOException {
		Files.writeString(this.shm.resolve("vm_nova-compute_qmanager"), "garbage", StandardCharsets.US_ASCII);

		assertThat(manager(FIRST_RUN).next()).isEqualTo("vm:nova-compute:1");
	}

	@Test
	void otherProcessNamesCountApart() {
		manager(FIRST_RUN).next();

		assertThat(new QueueManager("vm", "nova-scheduler", this.shm, this.locks, FIRST_RUN, this.running::contains)
			.next()).isEqualTo("vm:nova-scheduler:1");
	}

	@Test
	void aLockDirectoryThatCannotBeWrittenFailsNamingTheOptionAndTheFix() {
		QueueManager manager = new QueueManager("vm", "nova-compute", this.shm, this.locks.resolve("missing"),
				FIRST_RUN, this.running::contains);

		assertThatThrownBy(manager::next).hasMessageContaining("use_queue_manager")
			.hasMessageContaining("OSLO_LOCK_PATH");
	}

	@Test
	void theDefaultsAreTheKernelsHostNameAndTheJavaProgramsName() {
		assertThat(QueueManager.defaultHostname()).isNotBlank().doesNotContain(":");
		assertThat(QueueManager.defaultProcessname()).isNotBlank().doesNotContain(" ").doesNotContain(":");
	}

	@Test
	void thisJvmsProcessGroupIsAlive() {
		assertThat(ProcessGroup.current().alive()).isTrue();
		assertThat(new ProcessGroup(ProcessGroup.current().id(), ProcessGroup.current().startTime() + 1).alive())
			.isFalse();
	}

	private QueueManager manager(ProcessGroup group) {
		return new QueueManager("vm", "nova-compute", this.shm, this.locks, group, this.running::contains);
	}

}
