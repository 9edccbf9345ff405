package io.github.pgaispring.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per vectorizer, when the queue is searched for entries whose retry is due. Queue tables have no
 * index on {@code loading_retries}, so that search reads the whole queue; running it before every batch
 * made a backfill quadratic in the queue length (about 90 ms per batch with a million queued rows). A
 * search that finds nothing is therefore repeated only after an interval, and never sooner than
 * {@value #COST_FACTOR} times the search took, so searching takes at most about 5 % of the time however long
 * the queue; one that finds an entry, or a batch that queued a retry, keeps searching before every batch.
 * Thread-safe.
 */
final class DueRetryChecks {

	/** A search that found nothing waits at least this many times its own duration before the next one. */
	static final int COST_FACTOR = 20;

	private final long intervalNanos;

	private final Map<Integer, Long> nextCheck = new ConcurrentHashMap<>();

	/**
	 * Creates the schedule.
	 * @param interval how long a search that found nothing stays valid; zero searches before every batch
	 */
	DueRetryChecks(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * The interval for the given settings: the poll interval, or the retry backoff when that is shorter, so
	 * a retry is picked up at most one poll interval after it became due.
	 * @param settings the worker settings
	 * @return the schedule
	 */
	static DueRetryChecks of(WorkerSettings settings) {
		Duration poll = settings.pollInterval();
		Duration backoff = settings.retryBackoff();
		return new DueRetryChecks((backoff.compareTo(poll) < 0) ? backoff : poll);
	}

	/** Whether the vectorizer's queue should be searched for due retries now. */
	boolean isDue(int vectorizerId) {
		Long next = this.nextCheck.get(vectorizerId);
		return next == null || System.nanoTime() - next >= 0;
	}

	/**
	 * Records that a search found no due retry, which postpones the next one by the interval, or by
	 * {@value #COST_FACTOR} times the search's duration if that is longer.
	 * @param took how long the search took
	 */
	void foundNone(int vectorizerId, Duration took) {
		long wait = Math.max(this.intervalNanos, took.toNanos() * COST_FACTOR);
		this.nextCheck.put(vectorizerId, System.nanoTime() + wait);
	}

	/** Records that rows were queued for a retry, which makes the next search due at once. */
	void retryQueued(int vectorizerId) {
		this.nextCheck.remove(vectorizerId);
	}

}
