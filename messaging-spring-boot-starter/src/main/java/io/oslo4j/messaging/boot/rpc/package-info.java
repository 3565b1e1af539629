/** RPC in a Spring application: the server's lifecycle and typed client interfaces. */
@NullMarked
package io.oslo4j.messaging.boot.rpc;

import org.jspecify.annotations.NullMarked;
