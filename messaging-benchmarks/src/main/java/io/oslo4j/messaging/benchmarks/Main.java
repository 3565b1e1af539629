package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code messaging-benchmarks} command line: {@code server}, {@code call}, {@code client},
 * {@code notify}, {@code inflight-heap}, {@code soak}, {@code cluster-failover} and {@code jmh}. Results go to standard output as one JSON line, progress
 * and logs to standard error.
 *
 * <p>Exit codes: 0 success; 1 the remote method failed; 2 the call timed out; 3 any other
 * failure; 64 the command line is wrong.
 *
 * @since 0.1
 */
@Command(name = "messaging-benchmarks", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
		subcommands = { ServerCommand.class, CallCommand.class, ClientCommand.class, NotifyCommand.class,
				InFlightHeapCommand.class, SoakCommand.class, RawBaselineCommand.class, RawOsloBaselineCommand.class,
				SpringAmqpBaselineCommand.class, JmhCommand.class, ClusterFailoverCommand.class },
		description = "Load generator and conformance server/client for oslo4j and Python oslo.messaging peers.")
public final class Main implements Runnable {

	/** The remote method raised. */
	public static final int EXIT_REMOTE_ERROR = 1;

	/** No reply within the timeout. */
	public static final int EXIT_TIMEOUT = 2;

	/** Anything else went wrong locally (connection, invalid target, ...). */
	public static final int EXIT_FAILURE = 3;

	/** The command line is invalid (BSD's EX_USAGE; picocli's 2 would read as a timeout). */
	public static final int EXIT_USAGE = 64;

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	public static void main(String[] args) {
		System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
	}

	/** Runs a command line with the given output streams and returns its exit code. */
	public static int execute(String[] args, PrintWriter out, PrintWriter err) {
		return new CommandLine(new Main()).setOut(out)
			.setErr(err)
			.setParameterExceptionHandler(Main::onInvalidInput)
			.setExecutionExceptionHandler(Main::onFailure)
			.setCaseInsensitiveEnumValuesAllowed(true)
			.execute(args);
	}

	private static int onInvalidInput(CommandLine.ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println(ex.getMessage());
		CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
		err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
		err.flush();
		return EXIT_USAGE;
	}

	/** A failure outside the call itself (no transport, bad URL): one line, no stack trace unless asked. */
	private static int onFailure(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		err.println("messaging-benchmarks " + commandLine.getCommandName() + ": " + ex);
		if (Boolean.getBoolean("oslo4j.benchmarks.stacktraces")) {
			ex.printStackTrace(err);
		}
		err.flush();
		return EXIT_FAILURE;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "Missing a command");
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = Main.class.getPackage().getImplementationVersion();
			return new String[] { "messaging-benchmarks " + ((version != null) ? version : "(development build)") };
		}

	}

}
