package io.oslo4j.messaging.endpoint;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A return type is classified once, the same way for RPC endpoints, notification endpoints and
 * typed clients: a value now, nothing, a value later, or a stream that no reply can carry.
 */
class ReturnTypeTests {

	@Test
	void aPlainTypeIsAValueKnownWhenTheMethodReturns() {
		ReturnType type = returnType("hostInfo");
		assertThat(type.kind()).isEqualTo(ReturnType.Kind.VALUE);
		assertThat(type.isAsynchronous()).isFalse();
		assertThat(type.valueType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
	}

	@Test
	void voidIsNothingAndBoxedVoidIsAValueThatIsAlwaysNull() {
		assertThat(returnType("reboot").kind()).isEqualTo(ReturnType.Kind.VOID);
		ReturnType boxed = returnType("rebootAndWait");
		assertThat(boxed.kind()).isEqualTo(ReturnType.Kind.VALUE);
		assertThat(boxed.valueClass()).isEqualTo(Void.class);
	}

	@Test
	void monoAndCompletionStagesAreValuesLaterOfTheirTypeArgument() {
		ReturnType mono = returnType("resize");
		assertThat(mono.kind()).isEqualTo(ReturnType.Kind.MONO);
		assertThat(mono.isAsynchronous()).isTrue();
		assertThat(mono.valueType()).isEqualTo(String.class);
		assertThat(returnType("stage").kind()).isEqualTo(ReturnType.Kind.COMPLETION_STAGE);
		ReturnType future = returnType("future");
		assertThat(future.kind()).isEqualTo(ReturnType.Kind.COMPLETION_STAGE);
		assertThat(future.valueType()).isEqualTo(Integer.class);
	}

	@Test
	void aWildcardStandsForItsBoundAndARawMonoForObject() {
		assertThat(returnType("bounded").valueType()).isEqualTo(Number.class);
		assertThat(returnType("raw").valueType()).isEqualTo(Object.class);
	}

	@Test
	void fluxAndOtherPublishersAreStreams() {
		assertThat(returnType("servers").kind()).isEqualTo(ReturnType.Kind.STREAM);
		assertThat(returnType("publisher").kind()).isEqualTo(ReturnType.Kind.STREAM);
		assertThat(returnType("servers").isAsynchronous()).isFalse();
	}

	@Test
	void theTypeVariablesOfAGenericSuperclassAreResolvedAgainstTheEndpointClass() {
		ReturnType type = ReturnType.of(method(Repository.class, "find"), Hosts.class);
		assertThat(type.kind()).isEqualTo(ReturnType.Kind.MONO);
		assertThat(type.valueType()).isEqualTo(String.class);
	}

	@Test
	void whatAMethodReturnedIsAdaptedToAMonoEmptyForNothing() {
		StepVerifier.create(returnType("hostInfo").toMono(List.of("h1"))).expectNext(List.of("h1")).verifyComplete();
		StepVerifier.create(returnType("hostInfo").toMono(null)).verifyComplete();
		StepVerifier.create(returnType("reboot").toMono(null)).verifyComplete();
		StepVerifier.create(returnType("resize").toMono(Mono.just("m1"))).expectNext("m1").verifyComplete();
		StepVerifier.create(returnType("resize").toMono(null)).verifyComplete();
		StepVerifier.create(returnType("future").toMono(CompletableFuture.completedFuture(3)))
			.expectNext(3)
			.verifyComplete();
		assertThatIllegalStateException().isThrownBy(() -> returnType("servers").toMono(Flux.just("s")));
	}

	@Test
	void theDeclaredTypeIsShownWithItsGenerics() {
		assertThat(returnType("resize")).hasToString("reactor.core.publisher.Mono<java.lang.String>");
		assertThat(returnType("servers").declaredType()).isEqualTo(Flux.class);
	}

	private static ReturnType returnType(String name) {
		return ReturnType.of(method(Methods.class, name), Methods.class);
	}

	private static Method method(Class<?> type, String name) {
		for (Method method : type.getMethods()) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	interface Methods {

		List<String> hostInfo();

		void reboot();

		@Nullable Void rebootAndWait();

		Mono<String> resize();

		CompletionStage<String> stage();

		CompletableFuture<Integer> future();

		Mono<? extends Number> bounded();

		@SuppressWarnings("rawtypes")
		Mono raw();

		Flux<String> servers();

		Publisher<String> publisher();

	}

	abstract static class Repository<T> {

		public abstract Mono<T> find();

	}

	abstract static class Hosts extends Repository<String> {

	}

}
