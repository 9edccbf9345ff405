package io.github.pgaispring.benchmark;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.worker.PipelineFactory;

/**
 * Part 3 of {@link WorkerBenchmark}: the worker's memory does not grow with the backlog. A backlog of
 * {@code benchmark.backlogRows} rows (the corpus repeated) against one of {@code benchmark.backlogBaselineRows},
 * each backfilled by a worker with the default settings and a zero-cost embedder, the small one after the large
 * one: the peak of the heap left after a full GC, run at every tenth of each backfill's progress (the live set,
 * which is what would grow if the worker kept something per row). Goal: the large backlog's peak at most 1.2× the
 * small one's. The peak heap in use is printed too, but it measures the collector, not the worker: with a large
 * heap G1 lets the young generation grow the longer a phase allocates, so a run a hundred times longer peaks
 * several times higher on garbage alone. Rows per second over time show that no step slows down as the backlog
 * is worked off (a step quadratic in the backlog would).
 */
final class BacklogMemory {

	private static final double GOAL = 1.2;

	private static final int LIVE_SAMPLES = 10;

	private BacklogMemory() {
	}

	static void run(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus, int baselineRows,
			int backlogRows) throws Exception {
		Report.section("3. Memory and throughput over a " + backlogRows + "-row backlog vs. a " + baselineRows
				+ "-row one (zero-cost embedder, 1 thread, batch 50)");
		WorkerRun large = backfill(dataSource, zeroCost, corpus, "backlog_large", backlogRows, Duration.ofSeconds(10));
		WorkerRun small = backfill(dataSource, zeroCost, corpus, "backlog_small", baselineRows, Duration.ofSeconds(1));
		printTimeline(large);
		double peakRatio = (double) large.heapPeakBytes() / small.heapPeakBytes();
		double liveRatio = (double) large.heapPeakLiveBytes() / small.heapPeakLiveBytes();
		for (WorkerRun run : List.of(small, large)) {
			Report.line(run.rows() + " rows", "%6.1f s  %7.0f rows/s  heap at start %4.0f MiB, peak %4.0f MiB,"
					+ " peak after full GC %4.0f MiB (" + LIVE_SAMPLES + " samples)", Report.seconds(run.nanos()), run.rowsPerSecond(),
					Report.mib(run.heapStartBytes()), Report.mib(run.heapPeakBytes()), Report.mib(run.heapPeakLiveBytes()));
		}
		Report.line("PEAK HEAP RATIO " + backlogRows + " / " + baselineRows + " rows, after full GC (goal <= " + GOAL
				+ ")", "%.2fx  %s; in use %.2fx (the collector's young generation, not a goal)", liveRatio,
				Report.verdict(liveRatio <= GOAL), peakRatio);
	}

	private static WorkerRun backfill(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus,
			String name, int rows, Duration sampleEvery) throws Exception {
		long started = System.nanoTime();
		ManPageTable table = ManPageTable.create(dataSource, name, corpus, rows);
		Report.line(name + ": " + rows + " rows loaded and queued", "%.1f s", Report.seconds(System.nanoTime() - started));
		WorkerRun run = WorkerRun.backfill(dataSource, zeroCost, table, rows, 1, null, sampleEvery, LIVE_SAMPLES);
		WorkerBenchmark.requireConsistent(table, run, rows, run.chunks());
		table.drop();
		return run;
	}

	private static void printTimeline(WorkerRun run) {
		Report.note("Rows per second over the large backfill (each interval since the previous line):");
		long previousNanos = 0;
		long previousRows = 0;
		for (WorkerRun.Sample sample : run.timeline()) {
			double seconds = Report.seconds(sample.nanos() - previousNanos);
			Report.line(String.format("%6.0f s", Report.seconds(sample.nanos())), "%,9d rows done  %7.0f rows/s",
					sample.rows(), (sample.rows() - previousRows) / Math.max(seconds, 1e-9));
			previousNanos = sample.nanos();
			previousRows = sample.rows();
		}
	}

}
