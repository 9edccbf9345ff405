package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param heapPeakLiveBytes highest heap left after the full GCs of a run with live samples (the heap at the start
 * otherwise)
 * @param serverCpuSeconds CPU time of the benchmark database's backends
 * @param jvmCpuSeconds CPU time of this JVM (worker threads, GC, JIT, the heap sampler)
 * @param timeline rows done at each progress sample
 */
record WorkerRun(long nanos, long rows, long chunks, long failedRows, long heapStartBytes, long heapPeakBytes,
		long allocatedBytes, long heapPeakLiveBytes, double serverCpuSeconds, double jvmCpuSeconds,
		List<Sample> timeline) {

	private static final Duration TIMEOUT = Duration.ofMinutes(60);

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
		return backfill(dataSource, pipelineFactory, table, rows, threads, batchSize, null, 0);
	}

	/**
	 * Runs the worker until the queued rows are done; every {@code sampleEvery} it records the rows done, and
	 * {@code liveSamples} times, at equal steps of the rows done, the heap left after a full GC.
	 * @param sampleEvery how often to record the rows done, {@code null} for never
	 * @param liveSamples how many live sets to record ({@link HeapSampler#withLiveSets})
	 */
	static WorkerRun backfill(DataSource dataSource, PipelineFactory pipelineFactory, ManPageTable table, long rows,
			int threads, Integer batchSize, Duration sampleEvery, int liveSamples) throws InterruptedException {
		Progress progress = new Progress(rows);
		WorkerSettings settings = WorkerSettings.defaults()
			.withThreads(threads)
			.withBatchSize(batchSize)
			.withVectorizerNames(Set.of(table.vectorizer().name()));
		VectorizerWorker worker = new VectorizerWorker(dataSource, pipelineFactory, settings, progress);
		try (HeapSampler heap = HeapSampler.withLiveSets(progress.rows::get, rows, liveSamples)) {
			ThreadAllocations allocations = ThreadAllocations.start("pgai-");
			ServerCpu serverCpu = ServerCpu.start(dataSource);
			long jvmCpu = jvmCpuNanos();
			List<Sample> timeline = new ArrayList<>();
			long started = System.nanoTime();
			worker.start();
			long deadline = started + TIMEOUT.toNanos();
			long wait = (sampleEvery != null) ? sampleEvery.toNanos() : TIMEOUT.toNanos();
			while (!progress.done.await(Math.min(wait, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				if (System.nanoTime() - deadline >= 0) {
					throw new IllegalStateException("The worker processed only " + progress.claimed + " of " + rows
							+ " rows within " + TIMEOUT);
				}
				timeline.add(new Sample(System.nanoTime() - started, progress.rows.get()));
			}
			long elapsed = System.nanoTime() - started;
			timeline.add(new Sample(elapsed, progress.rows.get()));
			long allocated = allocations.allocatedBytes();
			long peak = heap.peakBytes();
			return new WorkerRun(elapsed, progress.rows.get(), progress.chunks.get(), progress.failed.get(),
					heap.startBytes(), peak, allocated, heap.peakLiveBytes(), serverCpu.seconds(),
					(jvmCpuNanos() - jvmCpu) / 1e9, List.copyOf(timeline));
		}
		finally {
			worker.stop();
		}
	}

	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Progress at one moment of a run.
	 *
	 * @param nanos time since the start
	 * @param rows rows done
	 */
	record Sample(long nanos, long rows) {

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
