package io.oslo4j.messaging.testsupport;

/**
 * A queue's messages and consumers as {@code rabbitmqctl list_queues} reports them.
 *
 * @param ready messages waiting in the queue
 * @param unacknowledged messages delivered to a consumer and not yet acknowledged
 * @param consumers consumers of the queue
 */
public record QueueCounts(long ready, long unacknowledged, int consumers) {
}
