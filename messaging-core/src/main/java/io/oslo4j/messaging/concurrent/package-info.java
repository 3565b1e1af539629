/**
 * Concurrency building blocks that oslo4j's own packages share (the executors, the transports).
 * Public only so that those packages can reach them: not an API for applications.
 */
@NullMarked
package io.oslo4j.messaging.concurrent;

import org.jspecify.annotations.NullMarked;
