package io.oslo4j.sample.compute;

/** No instance has that id. Callers see it as a remote error of this type. */
public class InstanceNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InstanceNotFoundException(String message) {
		super(message);
	}

}
