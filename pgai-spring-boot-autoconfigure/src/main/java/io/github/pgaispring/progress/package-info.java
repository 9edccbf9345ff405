/**
 * Knowing when rows are embedded: {@link io.github.pgaispring.progress.VectorizerAwaiter} waits for a vectorizer
 * or one row (in tests, and for reading your own writes), {@link io.github.pgaispring.progress.VectorizerCaughtUpEvent}
 * is published each time a vectorizer's backlog drains, and {@link io.github.pgaispring.progress.BackfillReadinessGate}
 * keeps the application's readiness at {@code REFUSING_TRAFFIC} until the rows queued at startup are embedded.
 */
@NullMarked
package io.github.pgaispring.progress;

import org.jspecify.annotations.NullMarked;
