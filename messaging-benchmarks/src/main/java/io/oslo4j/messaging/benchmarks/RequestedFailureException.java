package io.oslo4j.messaging.benchmarks;

/**
 * What the benchmark server's {@code fail} method raises; callers see a remote error of type
 * {@code RequestedFailureException} with the message they asked for.
 *
 * @since 0.1
 */
public class RequestedFailureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RequestedFailureException(String message) {
		super(message);
	}

}
