/**
 * Formatting of chunks as pgai does it: Python {@code string.Template} substitution of the chunk and the source
 * row's columns, with the row values rendered as Python would render them.
 */
@NullMarked
package io.github.pgaispring.formatting;

import org.jspecify.annotations.NullMarked;
