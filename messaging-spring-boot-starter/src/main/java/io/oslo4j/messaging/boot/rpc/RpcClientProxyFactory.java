package io.oslo4j.messaging.boot.rpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.wire.WireJson;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;
import org.springframework.util.SystemPropertyUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates typed RPC clients: JDK proxies of {@link RpcClientInterface} interfaces whose methods call
 * remote methods through an {@link RpcClient}.
 *
 * <p>How a method becomes a remote call:
 * <ul>
 * <li>The RPC method is the Java method's name, or the name given by
 * {@link io.oslo4j.messaging.rpc.RpcMethod @RpcMethod} (Python servers use snake_case names).</li>
 * <li>Each parameter is an argument under its own name (compile with {@code -parameters}) or the
 * name given by {@link io.oslo4j.messaging.rpc.RpcParam @RpcParam}; a
 * {@link io.oslo4j.messaging.RequestContext} parameter is the call's context (empty without one,
 * or when null).</li>
 * <li>The return type decides the kind of call: {@code void} is a cast; {@code Mono<T>} is a call
 * sent on subscription; {@code CompletionStage<T>} or {@code CompletableFuture<T>} is a call sent
 * at once; any other type is a call that waits for its result. The result is converted by Jackson
 * to the full generic type; a null result is an empty {@code Mono}.</li>
 * <li>A remote failure is thrown (or signalled) as the client rebuilds it:
 * {@link io.oslo4j.messaging.RemoteException}, an allowed exception type, or
 * {@link io.oslo4j.messaging.MessagingTimeoutException}.</li>
 * </ul>
 * Methods are checked when the proxy is created, so a method that cannot be called fails then,
 * not on its first call. Default methods run as written; {@code equals}, {@code hashCode} and
 * {@code toString} are the proxy's own.
 *
 * @since 0.1
 */
public final class RpcClientProxyFactory {

	private final RpcClient client;

	private final JsonMapper mapper;

	private final StringValueResolver resolver;

	/**
	 * A factory on a client, whose serializer converts the results, resolving
	 * {@code ${placeholders}} from system properties and environment variables.
	 */
	public RpcClientProxyFactory(RpcClient client) {
		this(client, WireJson.mapper(), (value) -> SystemPropertyUtils.resolvePlaceholders(value, true));
	}

	/**
	 * A factory on a client.
	 * @param client the client every proxy sends through, narrowed to each interface's target
	 * @param mapper resolves the methods' generic return types (the client's serializer converts
	 * the results to them)
	 * @param resolver resolves {@code ${placeholders}} in {@link RpcClientInterface} attributes
	 */
	public RpcClientProxyFactory(RpcClient client, JsonMapper mapper, StringValueResolver resolver) {
		this.client = client;
		this.mapper = mapper;
		this.resolver = resolver;
	}

	/**
	 * Creates a client for an interface, with the target its {@link RpcClientInterface} declares
	 * over that of this factory's client.
	 * @throws IllegalStateException if the interface has no topic, or a method cannot be called
	 */
	public <T> T createClient(Class<T> type) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface; a typed RPC client is an "
					+ "interface annotated with @RpcClientInterface");
		}
		RpcClient target = narrow(this.client, type.getAnnotation(RpcClientInterface.class));
		if (!StringUtils.hasText(target.target().topic())) {
			throw new IllegalStateException("RPC client interface " + type.getName() + " has no topic to send to: set "
					+ "@RpcClientInterface(topic = ...) or messaging.client.topic");
		}
		Map<Method, RpcClientMethod> methods = new LinkedHashMap<>();
		for (Method method : type.getMethods()) {
			if (Modifier.isAbstract(method.getModifiers())) {
				methods.put(method, RpcClientMethod.of(type, method, this.mapper));
			}
		}
		InvocationHandler handler = new Handler(type, target, methods);
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private RpcClient narrow(RpcClient base, @Nullable RpcClientInterface annotation) {
		if (annotation == null) {
			return base;
		}
		RpcClient narrowed = base;
		String topic = resolve(annotation.topic());
		if (topic != null) {
			narrowed = narrowed.withTarget(narrowed.target().withTopic(topic));
		}
		String namespace = resolve(annotation.namespace());
		if (namespace != null) {
			narrowed = narrowed.withNamespace(namespace);
		}
		String version = resolve(annotation.version());
		if (version != null) {
			narrowed = narrowed.withVersion(version);
		}
		String server = resolve(annotation.server());
		if (server != null) {
			narrowed = narrowed.withServer(server);
		}
		String timeout = resolve(annotation.timeout());
		if (timeout != null) {
			narrowed = narrowed.withTimeout(DurationStyle.detectAndParse(timeout));
		}
		return narrowed;
	}

	private @Nullable String resolve(String value) {
		if (value.isEmpty()) {
			return null;
		}
		String resolved = this.resolver.resolveStringValue(value);
		return StringUtils.hasText(resolved) ? resolved.trim() : null;
	}

	private static final class Handler implements InvocationHandler {

		private final Class<?> type;

		private final RpcClient client;

		private final Map<Method, RpcClientMethod> methods;

		Handler(Class<?> type, RpcClient client, Map<Method, RpcClientMethod> methods) {
			this.type = type;
			this.client = client;
			this.methods = methods;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
			RpcClientMethod rpcMethod = this.methods.get(method);
			if (rpcMethod != null) {
				return rpcMethod.invoke(this.client, args);
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			return switch (method.getName()) {
				case "equals" -> args != null && proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				case "toString" -> "RPC client " + this.type.getName() + " for " + this.client.target();
				default -> throw new IllegalStateException("Unexpected method " + method);
			};
		}

	}

}
