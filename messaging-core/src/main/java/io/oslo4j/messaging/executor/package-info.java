/** Executors: where endpoint methods run and where their replies are published. */
@NullMarked
package io.oslo4j.messaging.executor;

import org.jspecify.annotations.NullMarked;
