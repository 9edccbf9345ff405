package io.github.pgaispring.worker;

import java.time.Duration;

import io.github.pgaispring.sql.Vectorizer;

/**
 * Hears what the {@link VectorizerWorker} does; register one with {@link VectorizerWorker#addListener}. Called on
 * worker threads: implementations return quickly and are thread-safe.
 */
public interface WorkerListener {

	/**
	 * Called each time a vectorizer's backlog has drained: the worker processed queued rows of it and then found
	 * no due entry left (rows waiting for a retry's backoff may remain).
	 * @param vectorizer the vectorizer
	 * @param rows source rows embedded since its queue last was empty
	 * @param chunks chunks written meanwhile
	 * @param elapsed time from the first of these batches to the empty queue
	 */
	void caughtUp(Vectorizer vectorizer, long rows, long chunks, Duration elapsed);

	/**
	 * Called after the worker switched a vectorizer to the new store of its migration
	 * ({@code ai.finish_vectorizer_migration}); the switch has committed.
	 * @param vectorizer the name of the vectorizer, which now has the new definition
	 */
	default void migrationSwitched(String vectorizer) {
	}

}
