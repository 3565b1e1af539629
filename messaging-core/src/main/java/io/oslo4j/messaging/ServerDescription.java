package io.oslo4j.messaging;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.oslo4j.messaging.executor.ExecutorKind;

import org.jspecify.annotations.Nullable;

/**
 * What an RPC server or a notification listener serves, and how, at one moment: a read-only
 * snapshot for boards such as the Spring Boot starter's {@code messaging} Actuator endpoint, and
 * the one place that says which methods still block a worker.
 *
 * @param type whether it is an RPC server or a notification listener
 * @param targets an RPC server's one target (topic and server); a listener's targets (topics)
 * @param executor the executor in force
 * @param lanes the in-flight bounds, with what is in flight in each now
 * @param methods every endpoint method, in dispatch order
 * @since 0.2
 */
public record ServerDescription(Type type, List<Target> targets, ExecutorKind executor, List<Lane> lanes,
		List<Method> methods) {

	/** The name of the lane of work that holds a task-executor worker. */
	public static final String WORKER_LANE = "worker";

	/** The name of the lane of asynchronous work on the greenio scheduler. */
	public static final String GREENIO_LANE = "greenio";

	/**
	 * The name of the one lane notification listeners had before they had the worker and greenio
	 * lanes of RPC servers.
	 * @deprecated since 0.3: a notification listener describes {@link #WORKER_LANE} and
	 * {@link #GREENIO_LANE}, as an RPC server does
	 */
	@Deprecated(since = "0.3")
	public static final String DISPATCH_LANE = "dispatch";

	public ServerDescription {
		targets = List.copyOf(targets);
		lanes = List.copyOf(lanes);
		methods = List.copyOf(methods);
	}

	/** The methods that return a plain value, in dispatch order: what is left to migrate. */
	public List<Method> blockingMethods() {
		return this.methods.stream().filter((method) -> !method.reactive()).toList();
	}

	/** What kind of server is described. */
	public enum Type {

		/** An {@code RpcServer}. */
		RPC_SERVER,

		/** A {@code NotificationListener}. */
		NOTIFICATION_LISTENER

	}

	/**
	 * One in-flight bound.
	 *
	 * @param name {@value #WORKER_LANE} or {@value #GREENIO_LANE}
	 * @param inFlight requests (notifications, or batches) in the lane now, running or waiting for room
	 * @param limit how many the lane runs at once
	 */
	public record Lane(String name, int inFlight, int limit) {
	}

	/**
	 * One endpoint method.
	 *
	 * @param names an RPC method's names as callers use them (its Java name, then the snake_case
	 * one Python callers use, or its {@code @RpcMethod} name); a notification method's priorities
	 * @param javaMethod the Java method
	 * @param namespace the endpoint's namespace; null for the default one and for notifications
	 * @param version the endpoint's version; null for notifications
	 * @param reactive whether it returns {@code Mono} or {@code CompletionStage}
	 * @param onWorker whether it runs on a task-executor worker under the executor in force (else on
	 * the greenio scheduler)
	 * @param blockingCalls how many blocking calls it was caught making on a greenio thread (see
	 * {@code MessagingExecutors.Builder#blockingDetection})
	 */
	public record Method(List<String> names, java.lang.reflect.Method javaMethod, @Nullable String namespace,
			@Nullable String version, boolean reactive, boolean onWorker, long blockingCalls) {

		public Method {
			names = List.copyOf(names);
		}

		/** The Java method for people: {@code ComputeEndpoint.getHostInfo(RequestContext, String) → HostInfo}. */
		public String signature() {
			return this.javaMethod.getDeclaringClass().getSimpleName() + "." + this.javaMethod.getName()
					+ Arrays.stream(this.javaMethod.getGenericParameterTypes())
						.map(Method::simpleName)
						.collect(Collectors.joining(", ", "(", ")"))
					+ " → " + simpleName(this.javaMethod.getGenericReturnType());
		}

		private static String simpleName(java.lang.reflect.Type type) {
			if (type instanceof Class<?> plain) {
				return plain.getSimpleName();
			}
			if (type instanceof ParameterizedType parameterized) {
				return simpleName(parameterized.getRawType()) + Arrays.stream(parameterized.getActualTypeArguments())
					.map(Method::simpleName)
					.collect(Collectors.joining(", ", "<", ">"));
			}
			if (type instanceof GenericArrayType array) {
				return simpleName(array.getGenericComponentType()) + "[]";
			}
			if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1
					&& wildcard.getLowerBounds().length == 0 && wildcard.getUpperBounds()[0] != Object.class) {
				return "? extends " + simpleName(wildcard.getUpperBounds()[0]);
			}
			return type.getTypeName();
		}

	}

}
