/** oslo4j's Spring Boot integration: the lifecycle of servers and listeners in an application context. */
@NullMarked
package io.oslo4j.messaging.boot;

import org.jspecify.annotations.NullMarked;
