package io.oslo4j.sample.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a Python program to its end (two minutes at most), with what it printed.
 *
 * @param exitCode the process's exit code
 * @param out its standard output
 * @param err its standard error
 */
record PythonRun(int exitCode, String out, String err) {

	/**
	 * Runs a command, collecting its output in files of a directory.
	 * @param command the program and its arguments
	 * @param directory where the output files go
	 */
	static PythonRun of(List<String> command, Path directory) throws IOException, InterruptedException {
		Path out = Files.createTempFile(directory, "stdout", ".txt");
		Path err = Files.createTempFile(directory, "stderr", ".txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
		return new PythonRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	/** The lines printed, with the host name and the worker that ran a call, which vary, masked. */
	List<String> linesWithoutWhatVaries() {
		return withoutWhatVaries(this.out);
	}

	/** The lines of a text, with the host name and the worker that ran a call masked. */
	static List<String> withoutWhatVaries(String text) {
		return text.lines()
			.map((line) -> line.replaceFirst("'host': '[^']*'", "'host': <host name>")
				.replaceFirst("'thread': 'oslo4j-worker-\\d+'", "'thread': <a worker>"))
			.toList();
	}

}
