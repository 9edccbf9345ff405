package io.github.pgaispring.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many queue entries one batch transaction of a vectorizer claims. It starts at the batch size (rows
 * per embedding call); while claims come back full and transactions are quick, it doubles, up to
 * {@value #MAX_CALLS} embedding calls and {@value #MAX_ROWS} rows per transaction, so that a large
 * backlog pays the claim, the write and the commit once for several embedding calls. A larger
 * {@code batch_size} is used as it is. A claim that is not
 * full (the backlog is gone) or a slow transaction brings it back down, which bounds the work a crash
 * loses (it is rolled back and done again) to about {@link #SLOW} of processing. Thread-safe.
 */
final class ClaimSizes {

	/** The most embedding calls of {@code batch_size} rows one transaction makes. */
	static final int MAX_CALLS = 10;

	/**
	 * The most queue entries a transaction claims by grouping batches. Each claimed key holds an advisory
	 * lock until the commit, and the lock table is shared ({@code max_locks_per_transaction} times the
	 * connections, 6,400 by default), so several workers must stay well within it.
	 */
	static final int MAX_ROWS = 500;

	/** Transactions quicker than this claim twice as much next time, if their claim was full. */
	static final Duration QUICK = Duration.ofMillis(250);

	/** Transactions slower than this claim half as much next time. */
	static final Duration SLOW = Duration.ofSeconds(1);

	private final Map<Integer, Integer> limits = new ConcurrentHashMap<>();

	/** The entries the vectorizer's next transaction claims. */
	int limit(int vectorizerId, int batchSize) {
		int limit = this.limits.getOrDefault(vectorizerId, batchSize);
		return Math.max(Math.min(limit, max(batchSize)), batchSize);
	}

	/**
	 * Adapts the vectorizer's limit after a transaction.
	 * @param limit the limit the transaction claimed with
	 * @param claimed the entries it claimed
	 * @param elapsed how long it took, commit included
	 */
	void completed(int vectorizerId, int batchSize, int limit, int claimed, Duration elapsed) {
		int next;
		if (claimed < limit) {
			next = batchSize;
		}
		else if (elapsed.compareTo(QUICK) < 0) {
			next = Math.min(limit * 2, max(batchSize));
		}
		else if (elapsed.compareTo(SLOW) > 0) {
			next = Math.max(limit / 2, batchSize);
		}
		else {
			next = limit;
		}
		if (next == batchSize) {
			this.limits.remove(vectorizerId);
		}
		else {
			this.limits.put(vectorizerId, next);
		}
	}

	private static int max(int batchSize) {
		return Math.max(batchSize, Math.min(batchSize * MAX_CALLS, MAX_ROWS));
	}

}
