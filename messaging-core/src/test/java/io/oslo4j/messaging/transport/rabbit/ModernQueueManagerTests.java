package io.oslo4j.messaging.transport.rabbit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java and Python processes of one host sharing oslo 18.3's queue-manager counter: the Python
 * {@code QManager} of the forky root runs in a process group of its own, and the Java
 * {@link QueueManager} uses the same counter file and lock file (the root's {@code /dev/shm} and
 * lock path, seen from the host), so that neither takes a name the other holds, and a restarted
 * Python service takes its names again.
 */
class ModernQueueManagerTests {

	private static final OsloPeer ROOT = OsloPeer.OSLO_18;

	private final List<Process> processes = new ArrayList<>();

	private String processname;

	private Path lockDirectory;

	@BeforeEach
	void names() throws IOException {
		Path amqpdriver = ROOT.root().resolve("usr/lib/python3/dist-packages/oslo_messaging/_drivers/amqpdriver.py");
		if (!Files.isRegularFile(amqpdriver)) {
			String message = "no oslo.messaging 18.3 in " + ROOT.root() + "; build it with `bash interop/modern/peers.sh "
					+ "build forky`";
			if ("true".equalsIgnoreCase(System.getenv("OSLO_INTEROP_REQUIRED"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
		this.processname = RabbitTestSupport.uniqueName("qm") + ".py";
		this.lockDirectory = Files.createDirectories(ROOT.root().resolve("tmp").resolve(this.processname + "-locks"));
	}

	@AfterEach
	void cleanUp() throws IOException {
		this.processes.forEach(Process::destroyForcibly);
		Files.deleteIfExists(ROOT.root().resolve("dev/shm/vm_" + this.processname + "_qmanager"));
		Files.deleteIfExists(this.lockDirectory.resolve("oslo_read_shm_vm_" + this.processname));
		Files.deleteIfExists(this.lockDirectory);
	}

	@Test
	void aJavaProcessAndALivePythonServiceOfTheSameNameTakeTheNumbersInTurnNeverTheSameOne() throws IOException {
		PythonManager python = python();
		QueueManager java = java();

		assertThat(List.of(python.next(), java.next(), python.next(), java.next())).containsExactly(
				"vm:" + this.processname + ":1", "vm:" + this.processname + ":2", "vm:" + this.processname + ":3",
				"vm:" + this.processname + ":4");
	}

	@Test
	void aRestartedPythonServiceTakesItsFirstNameAgainAfterAJavaProcessCountedOnItsCounter() throws IOException {
		PythonManager firstRun = python();
		firstRun.next();
		java().next();
		firstRun.stop();

		PythonManager restarted = python();

		assertThat(restarted.next()).isEqualTo("vm:" + this.processname + ":1");
	}

	private QueueManager java() {
		return new QueueManager("vm", this.processname, ROOT.root().resolve("dev/shm"), this.lockDirectory,
				ProcessGroup.current(), ProcessGroup::alive);
	}

	private PythonManager python() throws IOException {
		Process process = ROOT.python("/io/oslo4j/messaging/transport/rabbit/qmanager_peer.py", List.of(), "vm",
				this.processname, "/tmp/" + this.lockDirectory.getFileName());
		this.processes.add(process);
		PythonManager manager = new PythonManager(process, new BufferedReader(new InputStreamReader(
				process.getInputStream(), StandardCharsets.UTF_8)), process.outputWriter(StandardCharsets.UTF_8));
		manager.awaitReady();
		return manager;
	}

	private record PythonManager(Process process, BufferedReader output, Writer input) {

		void awaitReady() throws IOException {
			List<String> seen = new ArrayList<>();
			for (String line = this.output.readLine(); line != null; line = this.output.readLine()) {
				if (line.equals("READY")) {
					return;
				}
				seen.add(line);
			}
			throw new AssertionError("the Python queue manager ended before it was ready:\n" + String.join("\n", seen));
		}

		/** Asks the Python process for a name: a blocking read, as the process answers at once. */
		String next() throws IOException {
			this.input.write("next\n");
			this.input.flush();
			String line = this.output.readLine();
			while (line != null && !line.startsWith("vm:")) {
				line = this.output.readLine();
			}
			return line;
		}

		void stop() {
			try {
				this.input.close();
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (IOException ex) {
				this.process.destroyForcibly();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
