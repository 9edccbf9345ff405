package io.github.pgaispring.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.worker.PipelineFactory;

/**
 * Part 1 of {@link WorkerBenchmark}: backfills with a zero-cost embedder against a hand-written binary
 * {@code COPY} of the very same chunk rows into an identical table, in alternating rounds. Goals: 0.8× the
 * COPY with pgai's default batch of 50 rows and one thread, 0.9× with two threads or larger batches.
 */
final class BackfillComparison {

	private static final int WARMUP_DOCUMENTS = 1000;

	private static final double DEFAULT_GOAL = 0.8;

	private static final double GOAL = 0.9;

	private BackfillComparison() {
	}

	/**
	 * Runs the comparison.
	 * @param corpus the distinct texts
	 * @param sourceRows the rows of the source table: the texts repeated as often as needed (a repetition's
	 * titles end with {@code #n}, so its chunks differ), enough for a run to last seconds rather than a
	 * fraction of one, which one scheduling hiccup would dominate
	 */
	static void run(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus, int sourceRows,
			int rounds, List<WorkerConfiguration> configurations) throws Exception {
		Report.section("1. Backfill with a zero-cost embedder vs. bare-JDBC binary COPY of the same chunk rows");
		WorkerBenchmark.describeCorpus(corpus);
		warmUp(dataSource, zeroCost, corpus.subList(0, Math.min(WARMUP_DOCUMENTS, corpus.size())));
		ManPageTable pages = ManPageTable.create(dataSource, "man_pages", corpus, Math.max(sourceRows, 1));
		Report.line("source rows", "%d (the %d texts, repeated with numbered titles)", pages.rows(), corpus.size());
		ChunkRows.createTableLike(dataSource, pages.store(), "man_pages_copy");
		Map<WorkerConfiguration, List<WorkerRun>> runs = new LinkedHashMap<>();
		Samples copyChunksPerSecond = new Samples();
		Samples copyServerCpu = new Samples();
		ChunkRows rows = null;
		for (int round = 1; round <= rounds; round++) {
			for (WorkerConfiguration configuration : configurations) {
				if (rows != null) {
					pages.clear();
					pages.enqueue(1, pages.rows());
				}
				WorkerRun run = WorkerRun.backfill(dataSource, zeroCost, pages, pages.rows(), configuration.threads(),
						configuration.batchSize());
				WorkerBenchmark.requireConsistent(pages, run, pages.rows(), (rows != null) ? rows.size() : run.chunks());
				runs.computeIfAbsent(configuration, (key) -> new ArrayList<>()).add(run);
				Report.line("round " + round + ": worker, " + configuration,
						"%6.2f s  %7.0f rows/s  %8.0f chunks/s  CPU db %.2f s, jvm %.2f s", Report.seconds(run.nanos()),
						run.rowsPerSecond(), run.chunksPerSecond(), run.serverCpuSeconds(), run.jvmCpuSeconds());
				if (rows == null) {
					rows = ChunkRows.read(dataSource, pages.store());
				}
			}
			ChunkRows.Copy copy = rows.copyInto(dataSource, "man_pages_copy");
			copyChunksPerSecond.add(rows.size() / Report.seconds(copy.nanos()));
			copyServerCpu.add(copy.serverCpuSeconds());
			Report.line("round " + round + ": bare-JDBC binary COPY", "%6.2f s  %26.0f chunks/s  CPU db %.2f s",
					Report.seconds(copy.nanos()), rows.size() / Report.seconds(copy.nanos()), copy.serverCpuSeconds());
		}
		summarize(runs, copyChunksPerSecond, copyServerCpu, rounds, rows.size(), pages.rows());
	}

	private static void summarize(Map<WorkerConfiguration, List<WorkerRun>> runs, Samples copyChunksPerSecond,
			Samples copyServerCpu, int rounds, int chunkRows, int sourceRows) {
		Report.note("Medians (and best runs) over " + rounds + " rounds; " + chunkRows + " chunk rows (" + sourceRows
				+ " source rows) per run; CPU db is the benchmark database's backends:");
		Report.line("bare-JDBC binary COPY", "%8.0f chunks/s (best %.0f), CPU db %.2f s", copyChunksPerSecond.median(),
				copyChunksPerSecond.max(), copyServerCpu.median());
		for (Map.Entry<WorkerConfiguration, List<WorkerRun>> entry : runs.entrySet()) {
			Samples rowsPerSecond = new Samples();
			Samples chunksPerSecond = new Samples();
			Samples heapDelta = new Samples();
			Samples allocatedPerChunk = new Samples();
			Samples serverCpu = new Samples();
			for (WorkerRun run : entry.getValue()) {
				rowsPerSecond.add(run.rowsPerSecond());
				chunksPerSecond.add(run.chunksPerSecond());
				heapDelta.add(Report.mib(run.heapPeakBytes() - run.heapStartBytes()));
				allocatedPerChunk.add((double) run.allocatedBytes() / run.chunks());
				serverCpu.add(run.serverCpuSeconds());
			}
			WorkerConfiguration configuration = entry.getKey();
			double goal = configuration.isDefault() ? DEFAULT_GOAL : GOAL;
			double ratio = chunksPerSecond.median() / copyChunksPerSecond.median();
			String label = "worker, " + configuration;
			Report.line(label, "%8.0f chunks/s  %6.0f rows/s (best %.0f chunks/s), CPU db %.2f s",
					chunksPerSecond.median(), rowsPerSecond.median(), chunksPerSecond.max(), serverCpu.median());
			Report.line((configuration.isDefault() ? "BATCH-50 RATIO, 1 thread" : label + ": ratio") + " to COPY (goal >= "
					+ goal + ")", "%.2fx  %s (best to best %.2fx)", ratio, Report.verdict(ratio >= goal),
					chunksPerSecond.max() / copyChunksPerSecond.max());
			Report.line(label + ": peak heap above start (max)", "%.0f MiB", heapDelta.max());
			Report.line(label + ": allocated per chunk (median)", "%.1f KiB", allocatedPerChunk.median() / 1024);
		}
	}

	private static void warmUp(DataSource dataSource, PipelineFactory zeroCost, List<Document> documents)
			throws Exception {
		ManPageTable warmup = ManPageTable.create(dataSource, "warmup_pages", documents);
		WorkerRun.backfill(dataSource, zeroCost, warmup, warmup.rows(), 1, null);
		ChunkRows rows = ChunkRows.read(dataSource, warmup.store());
		ChunkRows.createTableLike(dataSource, warmup.store(), "warmup_copy");
		rows.copyInto(dataSource, "warmup_copy");
		Report.line("warm-up (not counted)", "%d documents through worker and COPY", documents.size());
	}

}
