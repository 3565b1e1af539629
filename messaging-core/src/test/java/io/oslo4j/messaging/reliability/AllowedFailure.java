package io.oslo4j.messaging.reliability;

/** An exception type that clients allow to be rebuilt from a remote failure. */
public class AllowedFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public AllowedFailure(String message) {
		super(message);
	}

}
