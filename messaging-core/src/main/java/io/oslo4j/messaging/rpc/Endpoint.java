package io.oslo4j.messaging.rpc;

import java.util.Arrays;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.endpoint.HandlerMethodFactory;

/**
 * An object whose methods a server serves, with the target (namespace, version, legacy
 * namespaces) it declares.
 *
 * @param bean the endpoint object
 * @param target its namespace, version and legacy namespaces; other fields are ignored
 * @since 0.1
 */
public record Endpoint(Object bean, Target target) {

	/**
	 * An endpoint whose target comes from its class's {@link RpcEndpoint} annotation, or the
	 * default namespace at version 1.0 without one.
	 */
	public static Endpoint of(Object bean) {
		RpcEndpoint annotation = HandlerMethodFactory.userClass(bean).getAnnotation(RpcEndpoint.class);
		if (annotation == null) {
			return new Endpoint(bean, Target.endpoint(null, "1.0"));
		}
		String namespace = annotation.namespace().isEmpty() ? null : annotation.namespace();
		Target target = Target.endpoint(namespace, annotation.version())
			.withLegacyNamespaces(Arrays.asList(annotation.legacyNamespaces()));
		return new Endpoint(bean, target);
	}

	/** An endpoint with an explicit namespace (null for the default) and version. */
	public static Endpoint of(Object bean, String namespace, String version) {
		return new Endpoint(bean, Target.endpoint(namespace, version));
	}

}
