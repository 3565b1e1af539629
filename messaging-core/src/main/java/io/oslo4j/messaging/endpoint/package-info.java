/**
 * The one endpoint model of RPC servers and notification listeners: how an endpoint's methods are
 * found ({@link io.oslo4j.messaging.endpoint.HandlerMethodFactory}), what their return types mean
 * ({@link io.oslo4j.messaging.endpoint.ReturnType}), how their parameters get values
 * ({@link io.oslo4j.messaging.endpoint.ParameterResolver}), and how a bad endpoint is refused
 * ({@link io.oslo4j.messaging.endpoint.EndpointDefinitionException}).
 */
@NullMarked
package io.oslo4j.messaging.endpoint;

import org.jspecify.annotations.NullMarked;
