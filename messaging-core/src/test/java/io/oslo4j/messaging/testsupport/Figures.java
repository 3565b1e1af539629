package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The figures that reliability tests measure (a recovery time, a heap delta, a count), printed as
 * {@code FIGURE <test>: <name> = <value>} and appended to {@code target/reliability-figures.txt},
 * so that {@code docs/reliability.md} can quote what a run produced.
 */
public final class Figures {

	private static final Path FILE = Path.of("target", "reliability-figures.txt");

	private Figures() {
	}

	/** Records a figure of a test. */
	public static void record(String test, String name, Object value) {
		String line = "FIGURE " + test + ": " + name + " = " + format(value);
		System.out.println(line);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// the figure is on standard output anyway
		}
	}

	private static String format(Object value) {
		if (value instanceof Duration duration) {
			return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
		}
		return String.valueOf(value);
	}

}
