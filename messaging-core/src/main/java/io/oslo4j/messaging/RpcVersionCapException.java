package io.oslo4j.messaging;

import org.jspecify.annotations.Nullable;

/**
 * A client with a version cap was asked to send a version above the cap (or no version at all).
 * Raised before anything is sent. oslo.messaging's {@code RPCVersionCapError}.
 *
 * @since 0.1
 */
public class RpcVersionCapException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public RpcVersionCapException(@Nullable String version, String versionCap) {
		super("Requested message version, " + version + " is incompatible.  It needs to be equal in major version "
				+ "and less than or equal in minor version as the specified version cap " + versionCap + ".");
	}

}
