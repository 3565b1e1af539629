package io.oslo4j.messaging.endpoint;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import reactor.core.publisher.Mono;

/**
 * What a method's declared return type means, decided once: a value now, nothing, or a value
 * later (a {@code Mono} or a {@code CompletionStage}), or a stream of values, which no RPC reply
 * and no notification outcome can carry. Endpoint methods and typed clients read their return
 * types with it, so the three readings cannot drift apart.
 *
 * @since 0.2
 */
public final class ReturnType {

	/** The classification of a return type. */
	public enum Kind {

		/** A value, known when the method returns; {@code Void} is a value that is always null. */
		VALUE,

		/** {@code void}: nothing. */
		VOID,

		/** A {@code Mono}: its value, or null when empty. */
		MONO,

		/** A {@code CompletionStage} (a {@code CompletableFuture}, ...): its value. */
		COMPLETION_STAGE,

		/** A {@code Flux} or another {@code Publisher} of many values: refused by every user. */
		STREAM

	}

	private final Method method;

	private final Kind kind;

	private final ResolvableType valueType;

	private ReturnType(Method method, Kind kind, ResolvableType valueType) {
		this.method = method;
		this.kind = kind;
		this.valueType = valueType;
	}

	/**
	 * The return type of {@code method} as declared in {@code containingClass}, its generics
	 * resolved against that class.
	 */
	public static ReturnType of(Method method, Class<?> containingClass) {
		ResolvableType declared = ResolvableType.forMethodReturnType(method, containingClass);
		Class<?> type = method.getReturnType();
		if (type == void.class) {
			return new ReturnType(method, Kind.VOID, declared);
		}
		if (Mono.class.isAssignableFrom(type)) {
			return new ReturnType(method, Kind.MONO, declared.as(Mono.class).getGeneric(0));
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			return new ReturnType(method, Kind.COMPLETION_STAGE, declared.as(CompletionStage.class).getGeneric(0));
		}
		if (Publisher.class.isAssignableFrom(type)) {
			return new ReturnType(method, Kind.STREAM, declared.as(Publisher.class).getGeneric(0));
		}
		return new ReturnType(method, Kind.VALUE, declared);
	}

	public Kind kind() {
		return this.kind;
	}

	/** The declared return class, as {@code Mono} for {@code Mono<String>}. */
	public Class<?> declaredType() {
		return this.method.getReturnType();
	}

	/** Whether the value comes later: a {@code Mono} or a {@code CompletionStage}. */
	public boolean isAsynchronous() {
		return this.kind == Kind.MONO || this.kind == Kind.COMPLETION_STAGE;
	}

	/**
	 * The type of the value: the {@code T} of {@code Mono<T>} or {@code CompletionStage<T>} (a
	 * wildcard's bound), the declared type of a value; {@code Object} when unknown (a raw
	 * {@code Mono}), {@code void} for {@link Kind#VOID}.
	 */
	public Type valueType() {
		return (this.valueType == ResolvableType.NONE) ? Object.class : resolved(this.valueType);
	}

	/** The type with every type variable and wildcard replaced by what it stands for. */
	private static Type resolved(ResolvableType type) {
		if (type.getType() instanceof Class<?> plain) {
			return plain;
		}
		Class<?> raw = type.resolve(Object.class);
		if (!type.hasGenerics()) {
			return raw;
		}
		ResolvableType[] generics = Arrays.stream(type.getGenerics())
			.map((generic) -> ResolvableType.forType(resolved(generic)))
			.toArray(ResolvableType[]::new);
		return ResolvableType.forClassWithGenerics(raw, generics).getType();
	}

	/** The class of the value, as {@link #valueType()} without generics. */
	public Class<?> valueClass() {
		return this.valueType.resolve(Object.class);
	}

	/**
	 * The value a call returned, as a {@code Mono}: empty for null and for nothing.
	 * @throws IllegalStateException for a {@link Kind#STREAM}, which no method with this return type
	 * may be called for
	 */
	@SuppressWarnings("unchecked") // a Mono only produces: one of a subtype is one of Object, with no operator per call
	public Mono<Object> toMono(@Nullable Object returned) {
		return switch (this.kind) {
			case VALUE -> Mono.justOrEmpty(returned);
			case VOID -> Mono.empty();
			case MONO -> (returned != null) ? (Mono<Object>) returned : Mono.empty();
			case COMPLETION_STAGE -> (returned != null)
					? Mono.fromCompletionStage((CompletionStage<Object>) returned) : Mono.empty();
			case STREAM -> throw new IllegalStateException(this.method + " returns a stream, which was refused");
		};
	}

	/** The declared return type with its generics, as {@code reactor.core.publisher.Mono<java.lang.String>}. */
	@Override
	public String toString() {
		return this.method.getGenericReturnType().getTypeName();
	}

}
