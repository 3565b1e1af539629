package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;

/**
 * The options of oslo's {@code [oslo_messaging_rabbit]} group that decide how long the driver
 * waits before it consumes or publishes again after a failure (oslo's {@code Connection.ensure}),
 * as {@link RabbitOptions#reconnect()} reads them.
 *
 * @param retryInterval {@code rabbit_retry_interval}: kombu's first interval
 * @param retryBackoff {@code rabbit_retry_backoff}: what the interval grows by per failed attempt
 * @param intervalMax {@code rabbit_interval_max}: the interval grows no further than its last step
 * within this plus the retry interval
 * @param reconnectDelay {@code kombu_reconnect_delay}: waited before every attempt
 * @param reconnectSplay {@code kombu_reconnect_splay}: at most how much random time every wait gets
 * @since 0.1
 */
public record RabbitReconnectOptions(Duration retryInterval, Duration retryBackoff, Duration intervalMax,
		Duration reconnectDelay, Duration reconnectSplay) {
}
