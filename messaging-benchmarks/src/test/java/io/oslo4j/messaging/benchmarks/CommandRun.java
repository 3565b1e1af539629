package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;

import tools.jackson.databind.JsonNode;

/** One run of the command line in this JVM: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

	static CommandRun of(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
		return new CommandRun(exitCode, out.toString(), err.toString());
	}

	/** The single JSON line printed on standard output. */
	JsonNode json() {
		return Json.mapper().readTree(this.out.strip());
	}

}
