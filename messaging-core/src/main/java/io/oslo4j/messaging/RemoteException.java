package io.oslo4j.messaging;

import java.util.List;

/**
 * The remote endpoint failed and its exception type is not one this client was allowed to rebuild:
 * oslo.messaging's {@code RemoteError}. It carries what the server sent: the exception's type
 * (class name) and module, its message and its traceback lines.
 *
 * @since 0.1
 */
public class RemoteException extends MessagingException {

	private static final long serialVersionUID = 1L;

	private final String excType;

	private final String module;

	private final String value;

	private final List<String> traceback;

	public RemoteException(String excType, String module, String value, List<String> traceback) {
		super("Remote error: " + excType + " " + value + "\n" + String.join("", traceback) + ".");
		this.excType = excType;
		this.module = module;
		this.value = value;
		this.traceback = List.copyOf(traceback);
	}

	/** The remote exception's class name, for example {@code ValueError} or {@code NoSuchMethod}. */
	public String getExcType() {
		return this.excType;
	}

	/** The module (Python) or package (Java) that defines the remote exception's class. */
	public String getModule() {
		return this.module;
	}

	/** The remote exception's message. */
	public String getValue() {
		return this.value;
	}

	/** The remote traceback, one entry per line as the server formatted it. */
	public List<String> getTraceback() {
		return this.traceback;
	}

}
