/**
 * The vectorizer worker: claims queued rows, loads, chunks, formats and embeds them, and writes the embedding
 * store, as pgai's worker does (see {@code docs/worker-design.md}).
 */
@NullMarked
package io.github.pgaispring.worker;

import org.jspecify.annotations.NullMarked;
