/** Test support: the Python oslo.messaging peer that interoperability tests run against. */
@NullMarked
package io.oslo4j.messaging.testsupport;

import org.jspecify.annotations.NullMarked;
