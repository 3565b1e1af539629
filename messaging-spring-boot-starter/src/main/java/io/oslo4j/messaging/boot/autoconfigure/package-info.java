/** Auto-configuration of oslo4j messaging: transport, executor, RPC server and client. */
@NullMarked
package io.oslo4j.messaging.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
