/** Faults, bad and hostile input, and security: what the reliability issue asks oslo4j to prove. */
@NullMarked
package io.oslo4j.messaging.reliability;

import org.jspecify.annotations.NullMarked;
