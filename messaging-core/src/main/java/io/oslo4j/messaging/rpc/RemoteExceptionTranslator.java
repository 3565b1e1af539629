package io.oslo4j.messaging.rpc;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.wire.RemoteFailure;
import io.oslo4j.messaging.wire.RpcReply;

import reactor.core.publisher.SynchronousSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds a reply's failure on the client. Only types the application allowed are rebuilt, looked
 * up by the failure's module and class name among the allowed classes: nothing from the wire ever
 * names a class to load. oslo's dispatcher errors become {@link NoSuchRpcMethodException} and
 * {@link UnsupportedVersionException}; everything else becomes a {@link RemoteException}.
 */
final class RemoteExceptionTranslator {

	private final Map<String, Constructor<? extends RuntimeException>> allowed;

	RemoteExceptionTranslator(List<Class<? extends RuntimeException>> allowedTypes) {
		Map<String, Constructor<? extends RuntimeException>> map = new LinkedHashMap<>();
		for (Class<? extends RuntimeException> type : allowedTypes) {
			try {
				map.put(type.getPackageName() + ":" + type.getSimpleName(), type.getConstructor(String.class));
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalArgumentException("Allowed remote exception " + type.getName()
						+ " needs a public constructor taking the message (String)", ex);
			}
		}
		this.allowed = Map.copyOf(map);
	}

	/** Signals the reply's result, or its failure rebuilt as an exception. */
	void outcome(RpcReply reply, JsonMapper mapper, SynchronousSink<JsonNode> sink) {
		String failure = reply.failure();
		if (failure != null) {
			sink.error(translate(RemoteFailure.parse(mapper, failure)));
		}
		else {
			sink.next(reply.result());
		}
	}

	RuntimeException translate(RemoteFailure failure) {
		if (NoSuchRpcMethodException.MODULE.equals(failure.module())) {
			if (NoSuchRpcMethodException.EXC_TYPE.equals(failure.className())) {
				return new NoSuchRpcMethodException(failure.message(), failure.traceback());
			}
			if (UnsupportedVersionException.EXC_TYPE.equals(failure.className())) {
				return new UnsupportedVersionException(failure.message(), failure.traceback());
			}
		}
		Constructor<? extends RuntimeException> constructor = this.allowed.get(failure.module() + ":" + failure.className());
		if (constructor != null) {
			try {
				return constructor.newInstance(failure.message());
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// fall through to RemoteException, as oslo falls back to RemoteError
			}
		}
		return new RemoteException(failure.className(), failure.module(), failure.message(), failure.traceback());
	}

}
