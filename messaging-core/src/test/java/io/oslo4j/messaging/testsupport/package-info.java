/** Test support: recording drivers, brokers and the Python peer. */
@NullMarked
package io.oslo4j.messaging.testsupport;

import org.jspecify.annotations.NullMarked;
