package io.oslo4j.messaging.rpc;

import java.util.List;

import io.oslo4j.messaging.RemoteException;

/**
 * No endpoint accepts the request's namespace and version: oslo's {@code UnsupportedVersion}, sent
 * and recognised on the wire under that name, in module {@code oslo_messaging.rpc.dispatcher}.
 *
 * @since 0.1
 */
public class UnsupportedVersionException extends RemoteException {

	private static final long serialVersionUID = 1L;

	static final String EXC_TYPE = "UnsupportedVersion";

	public UnsupportedVersionException(String value, List<String> traceback) {
		super(EXC_TYPE, NoSuchRpcMethodException.MODULE, value, traceback);
	}

	/** The exception a server sends for {@code method} at {@code version}. */
	static UnsupportedVersionException forRequest(String version, String method) {
		return new UnsupportedVersionException(
				"Endpoint does not support RPC version " + version + ". Attempted method: " + method, List.of());
	}

}
