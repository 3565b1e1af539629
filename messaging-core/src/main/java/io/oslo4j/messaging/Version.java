package io.oslo4j.messaging;

import org.jspecify.annotations.Nullable;

/**
 * An RPC interface version {@code MAJOR.MINOR[.REVISION]}, and oslo's compatibility rule.
 *
 * @param major the major number: different majors are never compatible
 * @param minor the minor number
 * @param revision the revision, 0 when absent
 * @since 0.1
 */
public record Version(int major, int minor, int revision) {

	/** What a server assumes when a request carries no version. */
	public static final Version DEFAULT = new Version(1, 0, 0);

	/**
	 * Parses {@code MAJOR.MINOR} or {@code MAJOR.MINOR.REVISION}.
	 * @throws MessagingException if the text is not of that form ("5", "5.a" and "5.5.a" are not)
	 */
	public static Version parse(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length < 2 || parts.length > 3) {
			throw invalid(text);
		}
		try {
			int major = Integer.parseInt(parts[0]);
			int minor = Integer.parseInt(parts[1]);
			int revision = (parts.length == 3) ? Integer.parseInt(parts[2]) : 0;
			if (major < 0 || minor < 0 || revision < 0) {
				throw invalid(text);
			}
			return new Version(major, minor, revision);
		}
		catch (NumberFormatException ex) {
			throw invalid(text);
		}
	}

	/**
	 * Whether an endpoint implementing {@code implemented} can serve a request for
	 * {@code requested}: oslo's {@code version_is_compatible}. No implemented version serves
	 * everything; no requested version is served by nothing. Otherwise the majors must be equal
	 * and the requested minor (then revision) must not exceed the implemented one.
	 */
	public static boolean isCompatible(@Nullable String implemented, @Nullable String requested) {
		if (implemented == null) {
			return true;
		}
		if (requested == null) {
			return false;
		}
		return parse(implemented).canServe(parse(requested));
	}

	/** Whether an endpoint at this version can serve a request for {@code requested}. */
	public boolean canServe(Version requested) {
		if (this.major != requested.major) {
			return false;
		}
		if (requested.minor != this.minor) {
			return requested.minor < this.minor;
		}
		return requested.revision <= this.revision;
	}

	private static MessagingException invalid(String text) {
		return new MessagingException("Invalid version '" + text + "': expected MAJOR.MINOR or MAJOR.MINOR.REVISION");
	}

	@Override
	public String toString() {
		return (this.revision == 0) ? this.major + "." + this.minor : this.major + "." + this.minor + "." + this.revision;
	}

}
