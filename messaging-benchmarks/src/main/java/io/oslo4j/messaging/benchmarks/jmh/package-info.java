/** JMH micro-benchmarks of oslo4j, run with {@code java -jar messaging-benchmarks.jar jmh}. */
@NullMarked
package io.oslo4j.messaging.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
