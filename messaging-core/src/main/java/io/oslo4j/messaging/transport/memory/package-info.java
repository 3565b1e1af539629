/**
 * The {@code fake://} transport: an in-process broker with exchanges, queues, bindings, competing
 * consumers, acknowledgements and requeues, routing exactly as oslo's RabbitMQ driver does.
 */
@NullMarked
package io.oslo4j.messaging.transport.memory;

import org.jspecify.annotations.NullMarked;
