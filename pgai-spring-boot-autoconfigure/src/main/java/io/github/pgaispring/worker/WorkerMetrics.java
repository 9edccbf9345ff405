package io.github.pgaispring.worker;

import io.github.pgaispring.sql.Vectorizer;

/**
 * Receives the worker's measurements. {@link #NONE} ignores them; {@link MicrometerWorkerMetrics}
 * publishes them to Micrometer.
 */
public interface WorkerMetrics {

	/** Metrics that record nothing. */
	WorkerMetrics NONE = new WorkerMetrics() {
	};

	/**
	 * Called after every batch that claimed work or failed.
	 * @param vectorizer the vectorizer
	 * @param result what the batch did
	 */
	default void batchCompleted(Vectorizer vectorizer, BatchResult result) {
	}

	/**
	 * Called periodically with the number of entries in the vectorizer's queue.
	 * @param vectorizer the vectorizer
	 * @param depth the queue length
	 */
	default void queueDepth(Vectorizer vectorizer, long depth) {
	}

}
