package io.oslo4j.messaging.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this process (every thread, user and system), to report CPU per request: on a
 * shared two-core machine a run's throughput follows from how much CPU each request costs the
 * client, the server and the broker together.
 */
final class ProcessCpu {

	private ProcessCpu() {
	}

	/** Nanoseconds of CPU this process has used, or -1 when the JVM cannot tell. */
	static long nanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	/** CPU microseconds per request between two readings, or null when unknown. */
	static @org.jspecify.annotations.Nullable Double microsPerRequest(long before, long after, long requests) {
		if (before < 0 || after < 0 || requests <= 0) {
			return null;
		}
		return Math.round((after - before) / 1e3 / requests * 10) / 10.0;
	}

}
