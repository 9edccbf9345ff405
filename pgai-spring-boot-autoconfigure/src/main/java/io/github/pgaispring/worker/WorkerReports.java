package io.github.pgaispring.worker;

import java.util.List;
import java.util.function.Supplier;

import io.github.pgaispring.sql.Vectorizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the worker tells about its work: each committed batch to the {@link WorkerMetrics} and the progress of
 * the current runs ({@link ProgressReporter}); every progress interval a progress line per long run, the queue
 * depths for the metrics ({@link QueueDepths}), and the index builds due during a backfill. Thread-safe.
 */
final class WorkerReports {

	private static final Log logger = LogFactory.getLog(WorkerReports.class);

	private final WorkerMetrics metrics;

	private final QueueDepths queueDepths;

	private final ProgressReporter progress = new ProgressReporter();

	WorkerReports(WorkerMetrics metrics, QueueDepths queueDepths) {
		this.metrics = metrics;
		this.queueDepths = queueDepths;
	}

	/** Records a committed batch transaction. */
	void batchCompleted(Vectorizer vectorizer, BatchResult result) {
		if (result.claimedWork()) {
			this.metrics.batchCompleted(vectorizer, result);
			this.progress.record(vectorizer, result);
			this.queueDepths.claimed(vectorizer, result.claimedRows());
		}
	}

	/**
	 * Ends the vectorizer's run because its queue is empty, and logs it.
	 * @return what the run did, or {@code null} if the vectorizer had no run
	 */
	ProgressReporter.@Nullable Drained caughtUp(Vectorizer vectorizer) {
		return this.progress.caughtUp(vectorizer);
	}

	/** The runs in progress. */
	List<WorkerStatus.Backlog> backlogs() {
		return this.progress.backlogs();
	}

	/**
	 * Logs the progress of long runs, updates the queue-depth gauges and starts the index builds due during a
	 * backfill.
	 * @param selected the vectorizers the worker processes
	 */
	void report(Supplier<List<Vectorizer>> selected, IndexBuilds indexBuilds) {
		try {
			this.progress.report(this.queueDepths::pending);
			if (this.metrics != WorkerMetrics.NONE) {
				for (Vectorizer vectorizer : selected.get()) {
					this.metrics.queueDepth(vectorizer, this.queueDepths.pending(vectorizer));
				}
			}
			for (Vectorizer vectorizer : this.progress.running()) {
				indexBuilds.backfillRunning(vectorizer);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Progress report failed", ex);
		}
	}

}
