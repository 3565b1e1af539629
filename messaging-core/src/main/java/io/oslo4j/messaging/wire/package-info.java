/** The oslo.messaging 2.0 wire format: envelope, requests, replies, failures and notifications as JSON. */
@NullMarked
package io.oslo4j.messaging.wire;

import org.jspecify.annotations.NullMarked;
