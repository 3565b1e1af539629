/** Checks that the repository's documents say what is true: their links, the README's snippets. */
@NullMarked
package io.oslo4j.sample.docs;

import org.jspecify.annotations.NullMarked;
