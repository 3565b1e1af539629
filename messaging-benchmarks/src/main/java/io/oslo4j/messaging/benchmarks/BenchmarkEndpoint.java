package io.oslo4j.messaging.benchmarks;

import java.math.BigInteger;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.ExpectedExceptions;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcMethod;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The methods the benchmark server serves in the default namespace at version 1.0, under exactly
 * the names a Python caller uses. Blocking and reactive twins ({@code sleep} and
 * {@code sleep_reactive}) let one compare the two executors on the same work.
 *
 * @since 0.1
 */
@RpcEndpoint
public class BenchmarkEndpoint {

	/** Returns its argument. */
	@RpcMethod("echo")
	public @Nullable Object echo(Object value) {
		return value;
	}

	/** Returns its argument, as a {@code Mono}. */
	@RpcMethod("echo_reactive")
	public Mono<Object> echoReactive(Object value) {
		return Mono.justOrEmpty(value);
	}

	/** The sum of two numbers: an integer when both are integers, as in Python. */
	@RpcMethod("add")
	public Number add(Number a, Number b) {
		if (isIntegral(a) && isIntegral(b)) {
			return toBigInteger(a).add(toBigInteger(b));
		}
		return a.doubleValue() + b.doubleValue();
	}

	/** Raises {@link RequestedFailureException} with {@code message}. */
	@RpcMethod("fail")
	@ExpectedExceptions(RequestedFailureException.class)
	public Object fail(String message) {
		throw new RequestedFailureException(message);
	}

	/** Blocks its thread for {@code seconds}, then returns them. */
	@RpcMethod("sleep")
	public Number sleep(Number seconds) throws InterruptedException {
		Thread.sleep(Durations.ofSeconds(seconds).toMillis());
		return seconds;
	}

	/** Completes after {@code seconds} without holding a thread, then returns them. */
	@RpcMethod("sleep_reactive")
	public Mono<Number> sleepReactive(Number seconds) {
		return Mono.delay(Durations.ofSeconds(seconds)).thenReturn(seconds);
	}

	/** The request context as the server received it. */
	@RpcMethod("context")
	public Map<String, @Nullable Object> context(RequestContext context) {
		return context.asMap();
	}

	private static boolean isIntegral(Number number) {
		return number instanceof BigInteger || number instanceof Long || number instanceof Integer
				|| number instanceof Short || number instanceof Byte;
	}

	private static BigInteger toBigInteger(Number number) {
		return (number instanceof BigInteger big) ? big : BigInteger.valueOf(number.longValue());
	}

}
