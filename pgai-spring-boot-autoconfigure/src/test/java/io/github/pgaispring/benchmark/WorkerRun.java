package io.github.pgaispring.benchmark;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.worker.BatchResult;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerMetrics;
import io.github.pgaispring.worker.WorkerSettings;

/**
 * One measured backfill: a {@link VectorizerWorker} started on a table whose every row is queued, timed
 * from {@code start()} until its metrics have seen every row, then stopped.
 *
 * @param nanos wall-clock time
 * @param rows source rows embedded
 * @param chunks chunks written
 * @param failedRows rows re-queued or moved to the failed queue (0 in a sound run)
 * @param heapStartBytes heap retained before the run
 * @param heapPeakBytes highest heap use during the run
 * @param allocatedBytes bytes allocated by the worker's threads ({@code pgai-*})
 */
record WorkerRun(long nanos, long rows, long chunks, long failedRows, long heapStartBytes, long heapPeakBytes,
		long allocatedBytes) {

	private static final Duration TIMEOUT = Duration.ofMinutes(15);

	/**
	 * Runs the worker until the queued rows are done.
	 * @param dataSource the database
	 * @param pipelineFactory the worker's pipeline factory
	 * @param table the table
	 * @param rows how many rows are queued
	 * @param threads the worker's thread count
	 * @param batchSize rows per batch, {@code null} for the vectorizer's own (50)
	 * @return the measurement
	 */
	static WorkerRun backfill(DataSource dataSource, PipelineFactory pipelineFactory, ManPageTable table, long rows,
			int threads, Integer batchSize) throws InterruptedException {
		Progress progress = new Progress(rows);
		WorkerSettings settings = WorkerSettings.defaults()
			.withThreads(threads)
			.withBatchSize(batchSize)
			.withVectorizerNames(Set.of(table.vectorizer().name()));
		VectorizerWorker worker = new VectorizerWorker(dataSource, pipelineFactory, settings, progress);
		try (HeapSampler heap = HeapSampler.start()) {
			ThreadAllocations allocations = ThreadAllocations.start("pgai-");
			long started = System.nanoTime();
			worker.start();
			if (!progress.done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("The worker processed only " + progress.claimed + " of " + rows
						+ " rows within " + TIMEOUT);
			}
			long elapsed = System.nanoTime() - started;
			long allocated = allocations.allocatedBytes();
			long peak = heap.peakBytes();
			return new WorkerRun(elapsed, progress.rows.get(), progress.chunks.get(), progress.failed.get(),
					heap.startBytes(), peak, allocated);
		}
		finally {
			worker.stop();
		}
	}

	/** Source rows per second. */
	double rowsPerSecond() {
		return this.rows / Report.seconds(this.nanos);
	}

	/** Chunks per second. */
	double chunksPerSecond() {
		return this.chunks / Report.seconds(this.nanos);
	}

	/** Counts the rows the worker's batches consumed and opens the latch once all are done. */
	private static final class Progress implements WorkerMetrics {

		private final long expected;

		private final AtomicLong claimed = new AtomicLong();

		private final AtomicLong rows = new AtomicLong();

		private final AtomicLong chunks = new AtomicLong();

		private final AtomicLong failed = new AtomicLong();

		private final CountDownLatch done = new CountDownLatch(1);

		Progress(long expected) {
			this.expected = expected;
		}

		@Override
		public void batchCompleted(Vectorizer vectorizer, BatchResult result) {
			this.rows.addAndGet(result.embeddedRows());
			this.chunks.addAndGet(result.chunks());
			this.failed.addAndGet(result.retriedRows() + result.failedRows());
			if (this.claimed.addAndGet(result.claimedRows()) >= this.expected) {
				this.done.countDown();
			}
		}

	}

}
