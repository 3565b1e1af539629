/**
 * The {@code messaging-benchmarks} executable: a load generator in the spirit of oslo's
 * {@code tools/simulator.py}, and a conformance server and client that Python peers can drive.
 */
@NullMarked
package io.oslo4j.messaging.benchmarks;

import org.jspecify.annotations.NullMarked;
