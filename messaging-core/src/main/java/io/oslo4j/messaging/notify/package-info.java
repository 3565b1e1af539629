/**
 * Notifications: the notifier and the notification listener.
 *
 * <h2>Notification endpoints</h2>
 * An endpoint is any object; a class annotated {@link NotificationEndpoint} is also how
 * applications find endpoints and where a filter is declared. Its <em>public</em> methods named
 * after a priority ({@code audit}, {@code debug}, {@code info}, {@code warn}, {@code error},
 * {@code critical}, {@code sample}; as in oslo, {@code warning} is not one) handle that priority;
 * a method annotated {@link OnNotification} handles the priorities it lists, whatever its name.
 * One method per priority and endpoint. Parameters are bound by type or role, in any order, each
 * optional:
 * <ul>
 * <li>{@link io.oslo4j.messaging.RequestContext}: the sender's context (whitelisted by the sender)
 * plus {@code client_timeout}, null, exactly as a Python endpoint's {@code ctxt};</li>
 * <li>the payload: the parameter named {@code payload}, or annotated {@link NotificationPayload},
 * converted by Jackson to its declared (generic) type;</li>
 * <li>{@code String publisherId} and {@code String eventType}, by name (the build compiles with
 * {@code -parameters});</li>
 * <li>{@link NotificationMetadata} ({@code message_id}, {@code timestamp}), {@link Priority}, or
 * the whole {@link Notification Notification&lt;P&gt;}.</li>
 * </ul>
 * A method returns {@code void} (or null: {@link NotificationResult#HANDLED}), a
 * {@link NotificationResult}, or asynchronously a {@code Mono} or {@code CompletionStage} of
 * {@code NotificationResult} or {@code Void}. A batch listener's methods take one
 * {@code List<Notification<P>>} instead. Endpoints are introspected once, by {@link NotificationListener.Builder#build()};
 * a method that cannot be used fails there with a message naming it and the fix.
 *
 * <pre>{@code
 * @NotificationEndpoint(eventType = "compute\\.instance\\.")
 * class InstanceEvents {
 *     public void info(RequestContext ctx, String eventType, InstancePayload payload) { ... }
 *     public Mono<NotificationResult> error(InstancePayload payload) { ... }
 * }
 * }</pre>
 */
@NullMarked
package io.oslo4j.messaging.notify;

import org.jspecify.annotations.NullMarked;
