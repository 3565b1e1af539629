/** oslo4j's core vocabulary: targets, versions, transport URLs, request contexts and the exceptions callers see. */
@NullMarked
package io.oslo4j.messaging;

import org.jspecify.annotations.NullMarked;
