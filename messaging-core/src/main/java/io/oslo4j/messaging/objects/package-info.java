/**
 * oslo.versionedobjects as Java types: {@link io.oslo4j.messaging.objects.VersionedObject} on a
 * record or class, the Jackson module that reads and writes oslo's object primitive, and the
 * {@link io.oslo4j.messaging.objects.VersionedObjectSerializer} that puts both on clients,
 * servers, notifiers and listeners.
 */
@NullMarked
package io.oslo4j.messaging.objects;

import org.jspecify.annotations.NullMarked;
