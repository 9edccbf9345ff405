package io.github.pgaispring.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import io.github.pgaispring.sql.Vectorizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps per-vectorizer counts of the current run (from the first batch after an idle period until the
 * queue is empty again), logs progress of long runs (rows done out of the total, rate and ETA) and the end
 * of every run.
 */
final class ProgressReporter {

	private static final Log logger = LogFactory.getLog(ProgressReporter.class);

	private final Map<Integer, Run> runs = new ConcurrentHashMap<>();

	/** Adds a batch to the vectorizer's current run. */
	void record(Vectorizer vectorizer, BatchResult result) {
		if (result.claimedWork()) {
			this.runs.computeIfAbsent(vectorizer.id(), (id) -> new Run(vectorizer, result.elapsed())).add(result);
		}
	}

	/**
	 * Ends the vectorizer's run because its queue is empty, and logs it.
	 * @return what the run did, or {@code null} if the vectorizer had no run
	 */
	@Nullable Drained caughtUp(Vectorizer vectorizer) {
		Run run = this.runs.remove(vectorizer.id());
		if (run == null) {
			return null;
		}
		Drained drained;
		synchronized (run) {
			drained = new Drained(run.rows, run.chunks, Duration.ofNanos(System.nanoTime() - run.started));
		}
		if (logger.isInfoEnabled()) {
			logger.info(vectorizer + " caught up: " + drained.rows() + " rows (" + drained.chunks()
					+ " chunks) embedded in " + format(drained.elapsed()));
		}
		return drained;
	}

	/** The runs in progress. */
	List<WorkerStatus.Backlog> backlogs() {
		long now = System.nanoTime();
		Instant wallNow = Instant.now();
		return this.runs.values().stream().map((run) -> {
			synchronized (run) {
				Duration elapsed = Duration.ofNanos(now - run.started);
				return new WorkerStatus.Backlog(run.vectorizer.name(), run.rows, run.chunks, wallNow.minus(elapsed),
						run.rows / Math.max(elapsed.toMillis() / 1000.0, 0.001));
			}
		}).toList();
	}

	/** Vectorizers with a run in progress. */
	Iterable<Vectorizer> running() {
		return this.runs.values().stream().map((run) -> run.vectorizer).toList();
	}

	/**
	 * Logs a progress line for every run that embedded rows since the last report.
	 * @param pending counts the entries still queued for a vectorizer
	 */
	void report(ToLongFunction<Vectorizer> pending) {
		long now = System.nanoTime();
		for (Run run : this.runs.values()) {
			long rows;
			long since;
			long done;
			long chunks;
			synchronized (run) {
				done = run.rows;
				chunks = run.chunks;
				rows = run.rows - run.rowsAtLastReport;
				since = now - run.lastReport;
				run.rowsAtLastReport = run.rows;
				run.lastReport = now;
			}
			if (rows > 0 && logger.isInfoEnabled()) {
				logger.info(progressLine(run.vectorizer, done, chunks, rows, Duration.ofNanos(since),
						pending.applyAsLong(run.vectorizer)));
			}
		}
	}

	private static String progressLine(Vectorizer vectorizer, long done, long chunks, long rows, Duration interval,
			long pending) {
		double rate = rows / Math.max(interval.toMillis() / 1000.0, 0.001);
		long total = done + pending;
		String eta = format(Duration.ofSeconds(Math.round(pending / rate)));
		return String.format("%s: %,d of %,d rows embedded (%d%%), %,d chunks, %.1f rows/s, ETA %s", vectorizer, done,
				total, (total > 0) ? done * 100 / total : 100, chunks, rate, eta);
	}

	private static String format(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format("%.1f s", duration.toMillis() / 1000.0);
		}
		return (seconds >= 3600) ? String.format("%d h %02d min", seconds / 3600, (seconds % 3600) / 60)
				: String.format("%d min %02d s", seconds / 60, seconds % 60);
	}

	/**
	 * What a run did.
	 *
	 * @param rows source rows embedded
	 * @param chunks chunks written
	 * @param elapsed from its first batch to the empty queue
	 */
	record Drained(long rows, long chunks, Duration elapsed) {

	}

	private static final class Run {

		private final Vectorizer vectorizer;

		private final long started;

		private long rows;

		private long chunks;

		private long rowsAtLastReport;

		private long lastReport;

		/** A run whose first batch just ended after taking {@code firstBatch}. */
		private Run(Vectorizer vectorizer, Duration firstBatch) {
			this.vectorizer = vectorizer;
			this.started = System.nanoTime() - firstBatch.toNanos();
			this.lastReport = this.started;
		}

		private synchronized void add(BatchResult result) {
			this.rows += result.embeddedRows();
			this.chunks += result.chunks();
		}

	}

}
