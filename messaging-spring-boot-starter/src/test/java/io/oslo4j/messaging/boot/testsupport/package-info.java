/** Endpoints, clients and helpers the starter's tests share. */
@NullMarked
package io.oslo4j.messaging.boot.testsupport;

import org.jspecify.annotations.NullMarked;
