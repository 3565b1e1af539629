package io.oslo4j.messaging.testsupport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How one run of {@code oslo_client.py} ended.
 *
 * <p>Exit codes: {@value #OK} success, {@value #REMOTE_ERROR} the remote side raised (a
 * {@code RemoteError} or a rebuilt remote exception), {@value #TIMEOUT} {@code MessagingTimeout},
 * {@value #OTHER_ERROR} anything else (including usage errors). The output is the client's one JSON
 * line: {@code {"result": ...}}, {@code {"sent": true}} or {@code {"error": {...}}}.
 *
 * @param exitCode the client's exit code
 * @param output the JSON line it printed, or {@code null} when it printed none (a usage error)
 * @param stderr what it wrote to standard error
 * @since 0.1
 */
public record PythonResult(int exitCode, @Nullable JsonNode output, String stderr) {

	/** Exit code of a successful call, cast or notification. */
	public static final int OK = 0;

	/** Exit code when the remote side raised an exception. */
	public static final int REMOTE_ERROR = 1;

	/** Exit code of a {@code MessagingTimeout}. */
	public static final int TIMEOUT = 2;

	/** Exit code of any other failure. */
	public static final int OTHER_ERROR = 3;

	/**
	 * The {@code result} of a successful call (a {@code NullNode} when the method returned None).
	 * @throws AssertionError when the call did not succeed
	 */
	public JsonNode result() {
		return member("result");
	}

	/**
	 * The {@code error} object of a failed run: {@code python_class}, {@code class}, {@code module},
	 * {@code message}, {@code remote}, and for remote failures {@code args}, {@code kwargs},
	 * {@code traceback}, for a {@code RemoteError} {@code exc_type} and {@code value}.
	 * @throws AssertionError when the run did not fail with an error line
	 */
	public JsonNode error() {
		return member("error");
	}

	private JsonNode member(String name) {
		JsonNode output = this.output;
		if (output == null || !output.has(name)) {
			throw new AssertionError("expected \"" + name + "\" in the Python client's output: " + this);
		}
		return output.get(name);
	}

}
