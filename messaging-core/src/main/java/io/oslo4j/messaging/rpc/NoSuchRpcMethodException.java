package io.oslo4j.messaging.rpc;

import java.util.List;

import io.oslo4j.messaging.RemoteException;

/**
 * No endpoint compatible with the request has the method, or the access policy hides it: oslo's
 * {@code NoSuchMethod}, sent and recognised on the wire under that name, in module
 * {@code oslo_messaging.rpc.dispatcher}.
 *
 * @since 0.1
 */
public class NoSuchRpcMethodException extends RemoteException {

	private static final long serialVersionUID = 1L;

	static final String EXC_TYPE = "NoSuchMethod";

	static final String MODULE = "oslo_messaging.rpc.dispatcher";

	public NoSuchRpcMethodException(String value, List<String> traceback) {
		super(EXC_TYPE, MODULE, value, traceback);
	}

	/** The exception a server sends for {@code method}. */
	static NoSuchRpcMethodException forMethod(String method) {
		return new NoSuchRpcMethodException("Endpoint does not support RPC method " + method, List.of());
	}

}
