/** The sample compute service: RPC endpoints, a notification endpoint and the start-up demonstration. */
@NullMarked
package io.oslo4j.sample.compute;

import org.jspecify.annotations.NullMarked;
