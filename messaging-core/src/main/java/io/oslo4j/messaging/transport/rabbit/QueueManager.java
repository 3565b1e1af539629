package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Predicate;

import io.oslo4j.messaging.MessagingException;

import org.jspecify.annotations.Nullable;

/**
 * The names of reply and fanout queues with {@code use_queue_manager}: {@code
 * <hostname>:<processname>:<n>}, as oslo 18.3's {@code QManager} ({@code amqpdriver.py}) gives
 * them, so that a restarted service takes the queues of its previous run again instead of leaving
 * them behind.
 *
 * <p>It shares oslo's scheme, files and lock, so that Java and Python processes of one host count
 * together: the counter is the file {@code /dev/shm/<hostname>_<processname>_qmanager} holding
 * {@code <process group>:<n>:<group start time>}, read and written under the POSIX lock of
 * {@code <lock path>/oslo_read_shm_<hostname>_<processname>}, oslo.concurrency's external lock,
 * whose directory is {@code OSLO_LOCK_PATH} (oslo's {@code [oslo_concurrency] lock_path} default)
 * or else the temporary directory. A process of the group that wrote the counter takes the next
 * number; a process of a group that is gone (the service restarted) starts again at 1.
 *
 * <p>One rule is Java's own: a process that finds the counter of another group that still runs
 * continues that group's count, and leaves the file to that group, where oslo would start again
 * at 1 and consume the live group's queues. A Python process that starts after a Java one of the
 * same processname still starts again at 1, as oslo does among its own processes; the default
 * processname of a Java program (its jar or main class) keeps the two apart.
 */
final class QueueManager {

	private static final Object IN_THIS_JVM = new Object();

	private final String prefix;

	private final Path counterFile;

	private final Path lockFile;

	private final ProcessGroup group;

	private final Predicate<ProcessGroup> alive;

	private int lastTaken;

	/**
	 * @param counterDirectory where the counter file is ({@code /dev/shm})
	 * @param lockDirectory where the lock file is (oslo.concurrency's lock path)
	 * @param group this process's group
	 * @param alive whether another group still runs
	 */
	QueueManager(String hostname, String processname, Path counterDirectory, Path lockDirectory, ProcessGroup group,
			Predicate<ProcessGroup> alive) {
		this.prefix = hostname + ":" + processname + ":";
		String name = (hostname + "_" + processname).replace('/', '_');
		this.counterFile = counterDirectory.resolve(name + "_qmanager");
		this.lockFile = lockDirectory.resolve("oslo_read_shm_" + name);
		this.group = group;
		this.alive = alive;
	}

	/** The queue manager of these options, with oslo's files on this host. */
	static QueueManager of(RabbitOptions options) {
		String hostname = Objects.requireNonNullElseGet(options.hostname(), QueueManager::defaultHostname);
		String processname = Objects.requireNonNullElseGet(options.processname(), QueueManager::defaultProcessname);
		Path shm = Path.of("/dev/shm");
		Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
		String lockPath = System.getenv("OSLO_LOCK_PATH");
		return new QueueManager(hostname, processname, Files.isDirectory(shm) ? shm : temporary,
				(lockPath != null && !lockPath.isEmpty()) ? Path.of(lockPath) : temporary, ProcessGroup.current(),
				ProcessGroup::alive);
	}

	/**
	 * The next name, {@code <hostname>:<processname>:<n>}.
	 * @throws MessagingException if the counter or lock file cannot be used
	 */
	String next() {
		synchronized (IN_THIS_JVM) {
			try (FileChannel lock = FileChannel.open(this.lockFile, StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock held = lock.lock()) {
				return this.prefix + take();
			}
			catch (IOException | UncheckedIOException ex) {
				throw new MessagingException("use_queue_manager: cannot take a queue name with the counter "
						+ this.counterFile + " under the lock " + this.lockFile + " (" + ex.getMessage() + "); make both "
						+ "writable, set OSLO_LOCK_PATH to a writable directory, or set use_queue_manager=false", ex);
			}
		}
	}

	private int take() throws IOException {
		Counter recorded = read();
		int number;
		ProcessGroup owner = this.group;
		if (recorded == null) {
			number = 1;
		}
		else if (recorded.group().equals(this.group)) {
			number = recorded.number() + 1;
		}
		else if (this.alive.test(recorded.group())) {
			number = recorded.number() + 1;
			owner = recorded.group();
		}
		else {
			number = 1;
		}
		// never a name this process took already, whoever wrote the counter meanwhile
		number = Math.max(number, this.lastTaken + 1);
		this.lastTaken = number;
		Files.writeString(this.counterFile, owner.id() + ":" + number + ":" + owner.startTime(),
				StandardCharsets.US_ASCII);
		return number;
	}

	private @Nullable Counter read() throws IOException {
		String text;
		try {
			text = Files.readString(this.counterFile, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		String[] fields = text.strip().split(":");
		try {
			return new Counter(new ProcessGroup(Long.parseLong(fields[0]), Long.parseLong(fields[2])),
					Integer.parseInt(fields[1]));
		}
		catch (RuntimeException ex) {
			// as oslo: a counter it cannot read starts again
			return null;
		}
	}

	/** oslo's default, {@code socket.gethostname()}: the kernel's host name, not a DNS name. */
	static String defaultHostname() {
		try {
			String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
			if (!kernel.isEmpty()) {
				return kernel;
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/**
	 * The Java program's name, as oslo's default is the script's ({@code basename(sys.argv[0])}): the
	 * jar's file name when started with {@code java -jar}, otherwise the main class's simple name.
	 */
	static String defaultProcessname() {
		String command = System.getProperty("sun.java.command", "").strip();
		String program = command.isEmpty() ? "" : command.split("\\s+")[0];
		if (program.endsWith(".jar")) {
			return Path.of(program).getFileName().toString();
		}
		String simpleName = program.substring(program.lastIndexOf('.') + 1);
		return simpleName.isEmpty() ? "java" : simpleName;
	}

	private record Counter(ProcessGroup group, int number) {
	}

}
