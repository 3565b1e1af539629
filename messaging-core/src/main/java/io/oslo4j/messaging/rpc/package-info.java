/** RPC clients and servers: calls, casts, fanout, the dispatcher and its access policies. */
@NullMarked
package io.oslo4j.messaging.rpc;

import org.jspecify.annotations.NullMarked;
