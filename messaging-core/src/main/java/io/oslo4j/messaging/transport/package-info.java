/** The transport SPI: what a transport must do to carry oslo messages, and nothing more. */
@NullMarked
package io.oslo4j.messaging.transport;

import org.jspecify.annotations.NullMarked;
