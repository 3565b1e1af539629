/**
 * oslo.messaging's configuration options, as oslo4j reads them: the catalog of every option of
 * {@code [DEFAULT]}, {@code [oslo_messaging_rabbit]} and {@code [oslo_messaging_notifications]},
 * with oslo's types, defaults and checks, and what each does in oslo4j.
 */
@NullMarked
package io.oslo4j.messaging.options;

import org.jspecify.annotations.NullMarked;
