package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process group as oslo's queue manager tells one from another: its id ({@code os.getpgrp()}) and
 * the start time of its leader in clock ticks since boot (field 22 of {@code /proc/<pgid>/stat}),
 * so that a group id the kernel gave again to a new group is not taken for the old one. When the
 * group's leader has ended, and where there is no {@code /proc} (not Linux: no Python peer to
 * agree with there), the process itself stands for its group.
 */
record ProcessGroup(long id, long startTime) {

	/** The group of this JVM. */
	static ProcessGroup current() {
		Optional<String[]> self = statFields("self");
		if (self.isPresent()) {
			long group = Long.parseLong(self.get()[2]);
			// as oslo: the process itself when the group id is 0 (crun containers have no /proc/0)
			long id = (group != 0) ? group : ProcessHandle.current().pid();
			Optional<String[]> leader = statFields(Long.toString(id));
			if (leader.isPresent()) {
				return new ProcessGroup(id, Long.parseLong(leader.get()[19]));
			}
			// the group's leader ended (oslo would fail to start here): the process stands for its group
			return new ProcessGroup(ProcessHandle.current().pid(), Long.parseLong(self.get()[19]));
		}
		ProcessHandle process = ProcessHandle.current();
		return new ProcessGroup(process.pid(), startMillis(process));
	}

	/** Whether this group still runs: its leader exists and started when it did. */
	boolean alive() {
		Optional<String[]> leader = statFields(Long.toString(this.id));
		if (leader.isPresent()) {
			return Long.parseLong(leader.get()[19]) == this.startTime;
		}
		if (Files.isDirectory(Path.of("/proc/self"))) {
			return false;
		}
		return ProcessHandle.of(this.id).map((process) -> startMillis(process) == this.startTime).orElse(false);
	}

	/** The fields of {@code /proc/<pid>/stat} after the command name, from field 3 (the state) on. */
	private static Optional<String[]> statFields(String pid) {
		try {
			String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
			// the command name, in parentheses, may hold spaces and parentheses itself
			return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static long startMillis(ProcessHandle process) {
		return process.info().startInstant().map((instant) -> instant.toEpochMilli()).orElse(0L);
	}

}
