package io.oslo4j.messaging.reliability;

/**
 * An exception type that records being initialized: if anything rebuilt a remote failure by
 * loading the class it names, the system property {@value #PROPERTY} would be set. Tests name it
 * by string only, never by class literal.
 */
public class Tripwire extends RuntimeException {

	static final String PROPERTY = "oslo4j.tripwire";

	private static final long serialVersionUID = 1L;

	static {
		System.setProperty(PROPERTY, "initialized");
	}

	public Tripwire(String message) {
		super(message);
	}

}
