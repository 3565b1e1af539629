package io.oslo4j.messaging.rpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.wire.RemoteFailure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an exception raised while serving a request into the failure oslo sends. A Java exception
 * travels under its simple class name with its package as module, so that a Python caller sees a
 * {@code RemoteError} of that type; argument mistakes travel as Python's {@code TypeError}; a
 * {@link RemoteException} (including {@code NoSuchMethod} and {@code UnsupportedVersion}) travels
 * under the remote names it carries.
 */
final class FailureEncoder {

	private static final int MAX_TRACEBACK_LINES = 64;

	private FailureEncoder() {
	}

	static RemoteFailure encode(Throwable failure, JsonMapper mapper) {
		if (failure instanceof RemoteException remote) {
			return RemoteFailure.of(mapper, remote.getExcType(), remote.getModule(), remote.getValue(),
					remote.getTraceback());
		}
		if (failure instanceof ArgumentException) {
			return RemoteFailure.of(mapper, "TypeError", "builtins", messageOf(failure), traceback(failure));
		}
		Class<?> type = failure.getClass();
		String className = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
		return RemoteFailure.of(mapper, className, type.getPackageName(), messageOf(failure), traceback(failure));
	}

	private static String messageOf(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : "";
	}

	/** The Java stack trace as oslo's {@code tb}: one entry per line, each ending with a newline. */
	static List<String> traceback(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		List<String> lines = new ArrayList<>();
		for (String line : text.toString().split("\\R")) {
			if (lines.size() == MAX_TRACEBACK_LINES) {
				lines.add("\t...\n");
				break;
			}
			lines.add(line + "\n");
		}
		return lines;
	}

}
