package io.github.pgaispring.benchmark;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerPipeline;

/**
 * Backfill throughput of the {@link io.github.pgaispring.worker.VectorizerWorker} on real texts (manual page
 * sections), against baselines measured in the same run:
 * <ol>
 * <li>with a zero-cost embedder, the worker against a hand-written binary {@code COPY} of the very same
 * chunk rows into an identical table (how close the worker gets to the database's bulk-load speed);</li>
 * <li>with the in-process ONNX model, the worker against calling the model alone on the same chunks in the
 * same batches (the worker's overhead on top of the embedding model).</li>
 * </ol>
 * Run with {@code scripts/benchmark.sh worker}. System properties: {@code benchmark.documents} (20000),
 * {@code benchmark.rounds} (5), {@code benchmark.workers} (worker configurations for the first part, threads
 * or threads{@code x}batch size: {@code 1,2,1x500}), {@code benchmark.onnxDocuments} (2000),
 * {@code benchmark.onnxSegments} (4).
 */
public final class WorkerBenchmark {

	private static final int MIN_DOCUMENT_LENGTH = 200;

	private static final int WARMUP_DOCUMENTS = 1000;

	private static final int WARMUP_ONNX_ROWS = 150;

	private static final int WARMUP_ONNX_CHUNKS = 300;

	private static final double COPY_RATIO_GOAL = 0.5;

	private static final double ONNX_OVERHEAD_GOAL = 0.10;

	private WorkerBenchmark() {
	}

	/**
	 * Runs the benchmark and prints its report.
	 * @param args not used; see the class description for the system properties
	 */
	public static void main(String[] args) throws Exception {
		int documents = Integer.getInteger("benchmark.documents", 20_000);
		int onnxDocuments = Integer.getInteger("benchmark.onnxDocuments", 2_000);
		int onnxSegments = Integer.getInteger("benchmark.onnxSegments", 4);
		int rounds = Integer.getInteger("benchmark.rounds", 5);
		List<WorkerConfiguration> configurations = WorkerConfiguration
			.parse(System.getProperty("benchmark.workers", "1,2,1x500"));
		List<Document> corpus = ManPageCorpus.load(Math.max(documents, onnxDocuments), MIN_DOCUMENT_LENGTH);
		try (BenchmarkDatabase database = BenchmarkDatabase.create("worker_benchmark", 8)) {
			DataSource dataSource = database.dataSource();
			Machine.describe(dataSource);
			new CatalogInstaller(dataSource).install();
			ConfiguredPipelineFactory configured = new ConfiguredPipelineFactory(EmbedderFactory.builder().build(),
					ZoneOffset.UTC);
			if (documents > 0) {
				zeroCostBackfill(dataSource, configured, corpus.subList(0, documents), rounds, configurations);
			}
			if (onnxDocuments > 0) {
				onnxBackfill(dataSource, configured, corpus.subList(0, onnxDocuments), onnxSegments);
			}
		}
		System.exit(0);
	}

	private static void zeroCostBackfill(DataSource dataSource, ConfiguredPipelineFactory configured,
			List<Document> corpus, int rounds, List<WorkerConfiguration> configurations) throws Exception {
		Report.section("1. Backfill with a zero-cost embedder vs. bare-JDBC binary COPY of the same chunk rows");
		describeCorpus(corpus);
		PipelineFactory zeroCost = (config) -> new ZeroCostPipeline(configured.create(config),
				new HashedEmbedder(ManPageTable.DIMENSIONS));
		warmUp(dataSource, zeroCost, corpus.subList(0, Math.min(WARMUP_DOCUMENTS, corpus.size())));
		ManPageTable pages = ManPageTable.create(dataSource, "man_pages", corpus);
		ChunkRows.createTableLike(dataSource, pages.store(), "man_pages_copy");
		Map<WorkerConfiguration, List<WorkerRun>> runs = new LinkedHashMap<>();
		Samples copyChunksPerSecond = new Samples();
		ChunkRows rows = null;
		for (int round = 1; round <= rounds; round++) {
			for (WorkerConfiguration configuration : configurations) {
				if (rows != null) {
					pages.clear();
					pages.enqueue(1, pages.rows());
				}
				WorkerRun run = WorkerRun.backfill(dataSource, zeroCost, pages, pages.rows(), configuration.threads(),
						configuration.batchSize());
				requireConsistent(pages, run, pages.rows(), (rows != null) ? rows.size() : run.chunks());
				runs.computeIfAbsent(configuration, (key) -> new ArrayList<>()).add(run);
				Report.line("round " + round + ": worker, " + configuration,
						"%6.2f s  %7.0f rows/s  %8.0f chunks/s  heap +%4.0f MiB", Report.seconds(run.nanos()),
						run.rowsPerSecond(), run.chunksPerSecond(), Report.mib(run.heapPeakBytes() - run.heapStartBytes()));
				if (rows == null) {
					rows = ChunkRows.read(dataSource, pages.store());
				}
			}
			long copyNanos = rows.copyInto(dataSource, "man_pages_copy");
			copyChunksPerSecond.add(rows.size() / Report.seconds(copyNanos));
			Report.line("round " + round + ": bare-JDBC binary COPY", "%6.2f s  %26.0f chunks/s",
					Report.seconds(copyNanos), rows.size() / Report.seconds(copyNanos));
		}
		summarize(runs, copyChunksPerSecond, rounds, rows.size(), pages.rows());
	}

	private static void summarize(Map<WorkerConfiguration, List<WorkerRun>> runs, Samples copyChunksPerSecond,
			int rounds, int chunkRows, int sourceRows) {
		Report.note("Medians (and best runs) over " + rounds + " rounds; " + chunkRows + " chunk rows ("
				+ sourceRows + " source rows) per run:");
		Report.line("bare-JDBC binary COPY", "%8.0f chunks/s (best %.0f)", copyChunksPerSecond.median(),
				copyChunksPerSecond.max());
		for (Map.Entry<WorkerConfiguration, List<WorkerRun>> entry : runs.entrySet()) {
			Samples rowsPerSecond = new Samples();
			Samples chunksPerSecond = new Samples();
			Samples heapDelta = new Samples();
			Samples allocatedPerChunk = new Samples();
			for (WorkerRun run : entry.getValue()) {
				rowsPerSecond.add(run.rowsPerSecond());
				chunksPerSecond.add(run.chunksPerSecond());
				heapDelta.add(Report.mib(run.heapPeakBytes() - run.heapStartBytes()));
				allocatedPerChunk.add((double) run.allocatedBytes() / run.chunks());
			}
			double ratio = chunksPerSecond.median() / copyChunksPerSecond.median();
			String label = "worker, " + entry.getKey();
			Report.line(label, "%8.0f chunks/s  %6.0f rows/s (best %.0f chunks/s)", chunksPerSecond.median(),
					rowsPerSecond.median(), chunksPerSecond.max());
			Report.line(label + ": ratio to COPY (goal >= " + COPY_RATIO_GOAL + ")", "%.2fx  %s (best to best %.2fx)",
					ratio, Report.verdict(ratio >= COPY_RATIO_GOAL), chunksPerSecond.max() / copyChunksPerSecond.max());
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

	/**
	 * The ONNX comparison, in segments: for each, the model alone embeds the segment's chunks batch by
	 * batch and the worker backfills the same rows, in alternating order, so drift in the machine's speed
	 * hits both alike.
	 */
	private static void onnxBackfill(DataSource dataSource, ConfiguredPipelineFactory configured,
			List<Document> corpus, int segments) throws Exception {
		Report.section("2. Backfill with the in-process ONNX model (all-minilm-l6-v2) vs. the model alone");
		describeCorpus(corpus);
		ManPageTable pages = ManPageTable.create(dataSource, "man_pages_onnx", corpus);
		pages.clear();
		VectorizerPipeline pipeline = configured.create(pages.vectorizer().config());
		int batchSize = pages.vectorizer().batchSize();
		Embedder embedder = pipeline.embedder();
		long warmupStarted = System.nanoTime();
		List<String> warmup = formattedChunks(pipeline, corpus.subList(0, Math.min(WARMUP_ONNX_ROWS, corpus.size())), 0,
				batchSize).stream().flatMap(List::stream).limit(WARMUP_ONNX_CHUNKS).toList();
		for (int first = 0; first < warmup.size(); first += batchSize) {
			embedder.embedDocuments(warmup.subList(first, Math.min(first + batchSize, warmup.size())));
		}
		Report.line("model load + warm-up on " + warmup.size() + " chunks (not counted)", "%.1f s",
				Report.seconds(System.nanoTime() - warmupStarted));
		int segmentSize = (int) Math.ceil((double) corpus.size() / segments / batchSize) * batchSize;
		long modelNanos = 0;
		long workerNanos = 0;
		long chunks = 0;
		long workerHeap = 0;
		long modelHeap = 0;
		boolean modelFirst = true;
		for (int first = 0; first < corpus.size(); first += segmentSize) {
			int last = Math.min(first + segmentSize, corpus.size());
			String rows = "rows " + (first + 1) + "-" + last;
			List<List<String>> batches = formattedChunks(pipeline, corpus.subList(first, last), first, batchSize);
			int segmentChunks = batches.stream().mapToInt(List::size).sum();
			for (int turn = 0; turn < 2; turn++) {
				if ((turn == 0) == modelFirst) {
					try (HeapSampler heap = HeapSampler.start()) {
						long started = System.nanoTime();
						for (List<String> batch : batches) {
							embedder.embedDocuments(batch);
						}
						long nanos = System.nanoTime() - started;
						modelNanos += nanos;
						modelHeap = Math.max(modelHeap, heap.peakBytes() - heap.startBytes());
						Report.line(rows + ": model alone", "%6.1f s  %6.1f chunks/s", Report.seconds(nanos),
								segmentChunks / Report.seconds(nanos));
					}
				}
				else {
					pages.enqueue(first + 1, last);
					WorkerRun run = WorkerRun.backfill(dataSource, configured, pages, last - first, 1, null);
					requireConsistent(pages, run, last - first, chunks + segmentChunks);
					workerNanos += run.nanos();
					workerHeap = Math.max(workerHeap, run.heapPeakBytes() - run.heapStartBytes());
					Report.line(rows + ": worker, 1 thread", "%6.1f s  %6.1f chunks/s", Report.seconds(run.nanos()),
							run.chunksPerSecond());
				}
			}
			chunks += segmentChunks;
			modelFirst = !modelFirst;
		}
		double modelRate = chunks / Report.seconds(modelNanos);
		double workerRate = chunks / Report.seconds(workerNanos);
		Report.note("Totals over " + corpus.size() + " rows, " + chunks + " chunks, batches of " + batchSize + " rows:");
		Report.line("model alone (OnnxEmbedder.embedDocuments per batch)", "%6.1f s  %6.1f chunks/s  heap +%.0f MiB",
				Report.seconds(modelNanos), modelRate, Report.mib(modelHeap));
		Report.line("worker, 1 thread", "%6.1f s  %6.1f chunks/s  %5.1f rows/s  heap +%.0f MiB",
				Report.seconds(workerNanos), workerRate, corpus.size() / Report.seconds(workerNanos),
				Report.mib(workerHeap));
		double overhead = 1 - workerRate / modelRate;
		Report.line("worker throughput / model alone", "%.3f", workerRate / modelRate);
		Report.line("worker overhead (goal <= " + Math.round(ONNX_OVERHEAD_GOAL * 100) + "%)", "%.1f%%  %s",
				overhead * 100, Report.verdict(overhead <= ONNX_OVERHEAD_GOAL));
	}

	/**
	 * The formatted chunks of each batch of {@code batchSize} documents, in id order, as the worker makes them.
	 * @param offset the index of the first document in the corpus (its id is {@code offset + 1})
	 */
	private static List<List<String>> formattedChunks(VectorizerPipeline pipeline, List<Document> documents,
			int offset, int batchSize) {
		List<List<String>> batches = new ArrayList<>();
		for (int first = 0; first < documents.size(); first += batchSize) {
			List<String> batch = new ArrayList<>();
			for (int index = first; index < Math.min(first + batchSize, documents.size()); index++) {
				Document document = documents.get(index);
				for (String chunk : pipeline.chunk(document.content())) {
					batch.add(pipeline.format(chunk, ManPageTable.row(offset + index + 1, document)));
				}
			}
			batches.add(batch);
		}
		return batches;
	}

	private static void requireConsistent(ManPageTable pages, WorkerRun run, long rows, long storedChunks)
			throws Exception {
		long stored = pages.storedChunks();
		if (stored != storedChunks || run.rows() != rows || run.failedRows() != 0) {
			throw new IllegalStateException("Inconsistent run: " + run + "; " + stored + " chunks stored, expected "
					+ storedChunks + " for " + rows + " rows");
		}
	}

	private static void describeCorpus(List<Document> corpus) {
		long characters = corpus.stream().mapToLong((document) -> document.content().length()).sum();
		Report.line("corpus", "%d manual page sections, %.1f M characters (mean %d)", corpus.size(), characters / 1e6,
				characters / corpus.size());
	}

	/** The configured chunking and formatting with an embedder that costs nothing. */
	private record ZeroCostPipeline(VectorizerPipeline configured, Embedder embedder) implements VectorizerPipeline {

		@Override
		public List<String> chunk(String text) {
			return this.configured.chunk(text);
		}

		@Override
		public String format(String chunk, Map<String, Object> row) {
			return this.configured.format(chunk, row);
		}

	}

}
