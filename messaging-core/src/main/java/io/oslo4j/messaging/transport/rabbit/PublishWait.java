package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;

import io.oslo4j.messaging.transport.PublishBackoff;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code rabbit://} driver's wait before a sender publishes again: the same
 * {@link ReconnectBackoff} as a listener's before it consumes again (oslo's {@code ensure} serves
 * both), the n-th retry waiting as the n-th attempt to reconnect. After a publish the broker
 * refused at the TCP level, the wait ends as soon as the broker accepts connections again
 * ({@link BrokerProbe}), so that the first publish after a broker restart does not wait out a long
 * step.
 */
final class PublishWait implements PublishBackoff {

	private static final Duration PROBE_INTERVAL = Duration.ofMillis(BrokerProbe.INTERVAL_MILLIS);

	private final ReconnectBackoff backoff;

	private final BrokerProbe probe;

	PublishWait(ReconnectBackoff backoff, BrokerProbe probe) {
		this.backoff = backoff;
		this.probe = probe;
	}

	@Override
	public Mono<?> beforeRetry(long retries, Throwable failure) {
		Mono<Long> step = Mono.delay(this.backoff.beforeAttempt((int) Math.min(retries, Integer.MAX_VALUE)));
		if (!BrokerProbe.refused(failure)) {
			return step;
		}
		Mono<Boolean> back = Flux.interval(PROBE_INTERVAL)
			.concatMap((tick) -> Mono.fromCallable(this.probe::accepting).subscribeOn(Schedulers.boundedElastic()))
			.filter(Boolean::booleanValue)
			.next();
		return Mono.firstWithSignal(step, back);
	}

}
