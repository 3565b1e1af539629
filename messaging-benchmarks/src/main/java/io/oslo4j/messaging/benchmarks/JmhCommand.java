package io.oslo4j.messaging.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code jmh}: runs the JMH benchmarks built into this jar ({@code RoundTripBenchmark}), passing
 * every argument to JMH, e.g. {@code jmh RoundTrip -f 1 -wi 3 -i 5}; {@code jmh -h} lists JMH's
 * options.
 */
@Command(name = "jmh", description = "Run the JMH benchmarks in this jar; arguments go to JMH (try: jmh -h, jmh -l).")
final class JmhCommand implements Callable<Integer> {

	/** Everything after {@code jmh}, in order, options included. */
	@Unmatched
	private List<String> arguments = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		org.openjdk.jmh.Main.main(this.arguments.toArray(String[]::new));
		return 0;
	}

}
