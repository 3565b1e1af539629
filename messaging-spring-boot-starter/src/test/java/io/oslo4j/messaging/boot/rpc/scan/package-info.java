/** Client interfaces for the scanning tests. */
@NullMarked
package io.oslo4j.messaging.boot.rpc.scan;

import org.jspecify.annotations.NullMarked;
