package io.oslo4j.messaging.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint method that ignores the arguments it has no parameter for, as a Python method
 * with {@code **kwargs} does: oslo's {@code oslo_rpc_server_ping(self, ctxt, **kwargs)}. Internal to
 * oslo4j's own endpoints; an application's methods refuse an unexpected argument as Python does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface AcceptsAnyArguments {

}
