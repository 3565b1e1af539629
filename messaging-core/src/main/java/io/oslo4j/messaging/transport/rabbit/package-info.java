/**
 * The {@code rabbit://} transport (alias {@code kombu://}): oslo.messaging's RabbitMQ driver on
 * Spring AMQP, declaring the same exchanges and queues with the same flags and publishing the same
 * message properties as oslo.messaging 14.0.3, so that Java and Python peers share one broker.
 */
@NullMarked
package io.oslo4j.messaging.transport.rabbit;

import org.jspecify.annotations.NullMarked;
