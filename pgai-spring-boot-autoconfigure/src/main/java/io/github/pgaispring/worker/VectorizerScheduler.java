package io.github.pgaispring.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.StoredVectorizerConfig;

/**
 * Hands vectorizers with pending work to worker threads, fairly: round robin, one batch per turn, so a
 * large backlog never starves another vectorizer. A vectorizer runs on at most
 * {@code processing.concurrency} threads at once (all threads if unset). A vectorizer whose queue came
 * up empty is idle until the poller sees due work again; one whose configuration cannot be processed is
 * blocked until its configuration changes or the block expires.
 */
final class VectorizerScheduler {

	private final int threads;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Map<Integer, Entry> entries = new LinkedHashMap<>();

	private int cursor;

	private boolean stopped;

	VectorizerScheduler(int threads) {
		this.threads = threads;
	}

	/**
	 * Replaces the set of vectorizers: new ones start active, missing ones are dropped, and a changed
	 * configuration lifts a block.
	 */
	void update(List<Vectorizer> vectorizers) {
		this.lock.lock();
		try {
			Map<Integer, Entry> current = new LinkedHashMap<>();
			for (Vectorizer vectorizer : vectorizers) {
				Entry entry = this.entries.get(vectorizer.id());
				if (entry == null) {
					entry = new Entry(vectorizer);
				}
				else if (entry.blockedConfig != null && !entry.blockedConfig.equals(vectorizer.storedConfig())) {
					entry.unblock();
				}
				entry.vectorizer = vectorizer;
				current.put(vectorizer.id(), entry);
			}
			this.entries.clear();
			this.entries.putAll(current);
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for a vectorizer that has work and a free slot, taking the next one in turn.
	 * @return the vectorizer (to be {@linkplain #release released} after the batch), or {@code null} on
	 * timeout or stop
	 */
	Vectorizer take(Duration timeout) throws InterruptedException {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (!this.stopped) {
				Entry entry = nextRunnable();
				if (entry != null) {
					entry.running++;
					return entry.vectorizer;
				}
				if (remaining <= 0) {
					return null;
				}
				remaining = this.changed.awaitNanos(remaining);
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns a vectorizer taken with {@link #take}.
	 * @param moreWork whether its last batch found work (so more may be waiting)
	 */
	void release(Vectorizer vectorizer, boolean moreWork) {
		this.lock.lock();
		try {
			Entry entry = this.entries.get(vectorizer.id());
			if (entry != null) {
				entry.running--;
				if (!moreWork && !entry.woken) {
					entry.active = false;
				}
				entry.woken = false;
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Keeps a vectorizer out of turn until its config changes or {@code duration} passes. */
	void block(Vectorizer vectorizer, Duration duration) {
		this.lock.lock();
		try {
			Entry entry = this.entries.get(vectorizer.id());
			if (entry != null) {
				entry.active = false;
				entry.blockedConfig = vectorizer.storedConfig();
				entry.blockedUntil = System.nanoTime() + duration.toNanos();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Idle vectorizers whose queue should be checked for due work. */
	List<Vectorizer> idle() {
		this.lock.lock();
		try {
			List<Vectorizer> idle = new ArrayList<>();
			for (Entry entry : this.entries.values()) {
				if (entry.blockedConfig != null && System.nanoTime() - entry.blockedUntil >= 0) {
					entry.unblock();
				}
				if (!entry.active && entry.blockedConfig == null) {
					idle.add(entry.vectorizer);
				}
			}
			return idle;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Marks a vectorizer as having work: an idle one becomes active, and one whose batch is running stays
	 * active after it (its batch may have looked at the queue before the new rows were committed).
	 * @return whether the vectorizer is known (a blocked one is known but not activated)
	 */
	boolean activate(int vectorizerId) {
		this.lock.lock();
		try {
			Entry entry = this.entries.get(vectorizerId);
			if (entry == null) {
				return false;
			}
			if (entry.blockedConfig == null) {
				if (entry.running > 0) {
					entry.woken = true;
				}
				if (!entry.active) {
					entry.active = true;
					this.changed.signalAll();
				}
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * {@link #activate Activates} the vectorizer whose queue is {@code schema.table}.
	 * @return whether such a vectorizer is known
	 */
	boolean activateQueue(String qualifiedQueue) {
		Integer id = null;
		this.lock.lock();
		try {
			for (Entry entry : this.entries.values()) {
				if (qualifiedQueue.equals(entry.vectorizer.queueSchema() + "." + entry.vectorizer.queueTable())) {
					id = entry.vectorizer.id();
					break;
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return id != null && activate(id);
	}

	/** Makes every waiting and future {@link #take} return {@code null}. */
	void stop() {
		this.lock.lock();
		try {
			this.stopped = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private Entry nextRunnable() {
		List<Entry> order = new ArrayList<>(this.entries.values());
		for (int i = 0; i < order.size(); i++) {
			int index = (this.cursor + i) % order.size();
			Entry entry = order.get(index);
			if (entry.active && entry.running < entry.vectorizer.concurrency().orElse(this.threads)) {
				this.cursor = index + 1;
				return entry;
			}
		}
		return null;
	}

	private static final class Entry {

		private Vectorizer vectorizer;

		private boolean active = true;

		private int running;

		/** Activated while a batch was running, so it stays active when that batch finds nothing. */
		private boolean woken;

		private StoredVectorizerConfig blockedConfig;

		private long blockedUntil;

		private Entry(Vectorizer vectorizer) {
			this.vectorizer = vectorizer;
		}

		private void unblock() {
			this.blockedConfig = null;
			this.active = true;
		}

	}

}
