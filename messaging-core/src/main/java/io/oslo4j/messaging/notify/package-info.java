/** Notifications: the notifier and the notification listener. */
@NullMarked
package io.oslo4j.messaging.notify;

import org.jspecify.annotations.NullMarked;
