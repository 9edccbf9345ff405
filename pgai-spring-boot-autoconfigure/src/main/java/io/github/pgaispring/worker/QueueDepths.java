package io.github.pgaispring.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.pgaispring.sql.Vectorizer;

/**
 * The number of entries in each vectorizer's queue, for progress lines and the queue-depth gauge. Counting
 * ({@code count(*)}) reads the whole queue, so a vectorizer's queue is counted again only after
 * {@value #COST_FACTOR} times the last count took (counting takes at most about 5 % of the time however long
 * the queue); in between, the depth is the last count minus the entries claimed since. Thread-safe.
 */
final class QueueDepths {

	/** A count waits at least this many times the previous one's duration. */
	static final int COST_FACTOR = 20;

	private final VectorizerQueues queues;

	private final Map<Integer, Depth> depths = new ConcurrentHashMap<>();

	QueueDepths(VectorizerQueues queues) {
		this.queues = queues;
	}

	/** The vectorizer's queue depth, counted or estimated. */
	long pending(Vectorizer vectorizer) {
		Depth depth = this.depths.get(vectorizer.id());
		long now = System.nanoTime();
		if (depth != null && now - depth.countedAt < depth.tookNanos * COST_FACTOR) {
			return Math.max(0, depth.count - depth.claimedSince);
		}
		long count = this.queues.pending(vectorizer);
		this.depths.put(vectorizer.id(), new Depth(count, now, System.nanoTime() - now));
		return count;
	}

	/** Records entries a batch of the vectorizer claimed. */
	void claimed(Vectorizer vectorizer, int entries) {
		Depth depth = this.depths.get(vectorizer.id());
		if (depth != null) {
			synchronized (depth) {
				depth.claimedSince += entries;
			}
		}
	}

	private static final class Depth {

		private final long count;

		private final long countedAt;

		private final long tookNanos;

		private long claimedSince;

		private Depth(long count, long countedAt, long tookNanos) {
			this.count = count;
			this.countedAt = countedAt;
			this.tookNanos = tookNanos;
		}

	}

}
