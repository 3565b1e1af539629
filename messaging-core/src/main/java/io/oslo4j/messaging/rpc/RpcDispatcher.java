package io.oslo4j.messaging.rpc;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.Version;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the endpoint method for a request, by oslo's rule: walk the endpoints in order, skip those
 * whose namespaces or version do not accept the request, and take the first remaining one that has
 * the method. If some endpoint accepted the request but none had the method, the answer is
 * {@code NoSuchMethod}; if none accepted it, {@code UnsupportedVersion}.
 */
final class RpcDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(RpcDispatcher.class);

	/** The text of the version a request without one asks for, in errors. */
	private static final String DEFAULT_VERSION = Version.DEFAULT.toString();

	private final List<Candidate> candidates;

	private final RequestedVersions versions = new RequestedVersions();

	RpcDispatcher(List<Endpoint> endpoints, AccessPolicy policy, JsonMapper mapper) {
		this(endpoints, policy, mapper, false);
	}

	/**
	 * @param pingEnabled whether to serve oslo's {@code oslo_rpc_server_ping} after the endpoints
	 * ({@code rpc_ping_enabled}), unless one of them already has a method of that name
	 */
	RpcDispatcher(List<Endpoint> endpoints, AccessPolicy policy, JsonMapper mapper, boolean pingEnabled) {
		List<Candidate> list = new ArrayList<>();
		RpcMethodTable table = new RpcMethodTable(policy, mapper);
		for (Endpoint endpoint : endpoints) {
			list.add(candidate(endpoint, table));
		}
		boolean declared = list.stream().anyMatch((candidate) -> candidate.methods().containsKey(PingEndpoint.METHOD));
		if (declared) {
			logger.warn("'{}' is a reserved endpoint method which oslo uses to ping a server; avoid oslo_* names{}",
					PingEndpoint.METHOD, pingEnabled ? " (rpc_ping_enabled is set: the endpoint's method answers pings)" : "");
		}
		else if (pingEnabled) {
			// The access policy is oslo's business for the application's endpoints, not for its own.
			list.add(candidate(new Endpoint(new PingEndpoint(), Target.endpoint(null, "1.0")),
					new RpcMethodTable(AccessPolicy.DEFAULT, mapper)));
		}
		this.candidates = List.copyOf(list);
	}

	private static Candidate candidate(Endpoint endpoint, RpcMethodTable table) {
		String version = endpoint.target().version();
		return new Candidate(endpoint, endpoint.target().acceptedNamespaces(),
				(version != null) ? Version.parse(version) : Version.DEFAULT, table.methodsOf(endpoint.bean()));
	}

	/**
	 * The method that serves the request.
	 * @throws NoSuchRpcMethodException if a compatible endpoint exists but none has the method
	 * @throws UnsupportedVersionException if no endpoint accepts the namespace and version
	 * @throws ArgumentException if the request names no method
	 */
	RpcHandlerMethod resolve(RpcRequest request) {
		String method = request.method();
		if (method == null) {
			throw new ArgumentException("attribute name must be string, not 'NoneType': the request has no method");
		}
		String requested = request.version();
		Version version = (requested != null) ? this.versions.parse(requested) : Version.DEFAULT;
		boolean compatibleFound = false;
		for (Candidate candidate : this.candidates) {
			if (!candidate.accepts(request.namespace(), version)) {
				continue;
			}
			compatibleFound = true;
			RpcHandlerMethod found = candidate.methods().get(method);
			if (found != null) {
				return found;
			}
		}
		if (compatibleFound) {
			throw NoSuchRpcMethodException.forMethod(method);
		}
		throw UnsupportedVersionException.forRequest((requested != null) ? requested : DEFAULT_VERSION, method);
	}

	/** Every RPC name served, for logs. */
	List<String> methodNames() {
		return this.candidates.stream().flatMap((candidate) -> candidate.methods().keySet().stream()).distinct().toList();
	}

	/** Every endpoint method, in dispatch order, with all the RPC names it answers to. */
	List<ServerDescription.Method> describe(ExecutorKind executor) {
		List<ServerDescription.Method> described = new ArrayList<>();
		for (Candidate candidate : this.candidates) {
			Map<RpcHandlerMethod, List<String>> names = new IdentityHashMap<>();
			List<RpcHandlerMethod> order = new ArrayList<>();
			candidate.methods().forEach((name, method) -> names.computeIfAbsent(method, (key) -> {
				order.add(key);
				return new ArrayList<>();
			}).add(name));
			for (RpcHandlerMethod method : order) {
				described.add(new ServerDescription.Method(names.get(method), method.method(),
						candidate.endpoint().target().namespace(), candidate.version().toString(), method.asynchronous(),
						!method.asynchronous() || executor == ExecutorKind.EVENTLET, method.blockingCalls()));
			}
		}
		return described;
	}

	/** An endpoint with what a request is checked against, computed once, not per request. */
	private record Candidate(Endpoint endpoint, List<@Nullable String> namespaces, Version version,
			Map<String, RpcHandlerMethod> methods) {

		boolean accepts(@Nullable String namespace, Version requested) {
			return this.namespaces.contains(namespace) && this.version.canServe(requested);
		}

	}

}
