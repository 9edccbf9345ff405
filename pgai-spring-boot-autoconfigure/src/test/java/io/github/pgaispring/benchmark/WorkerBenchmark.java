package io.github.pgaispring.benchmark;

import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.PipelineFactory;

/**
 * Throughput, latency and memory of the {@link io.github.pgaispring.worker.VectorizerWorker} on real texts
 * (manual page sections), against baselines measured in the same run:
 * <ol>
 * <li>with a zero-cost embedder, the worker against a hand-written binary {@code COPY} of the very same
 * chunk rows into an identical table ({@link BackfillComparison});</li>
 * <li>the pickup latency of a committed row, with notifications and with polling only ({@link PickupLatency});</li>
 * <li>memory and rows per second over a large backlog against a small one ({@link BacklogMemory});</li>
 * <li>with the in-process ONNX model, the worker against calling the model alone on the same chunks in the
 * same batches ({@link OnnxComparison});</li>
 * <li>a backfill that crosses its HNSW index's {@code min_rows} ({@link IndexingDuringBackfill}).</li>
 * </ol>
 * Run with {@code scripts/benchmark.sh worker}. System properties: {@code benchmark.documents} (20000, the distinct
 * texts of part 1), {@code benchmark.backfillRows} (60000, the rows of part 1: the texts repeated),
 * {@code benchmark.rounds} (5), {@code benchmark.workers} (worker configurations for part 1, threads or
 * threads{@code x}batch size: {@code 1,2,1x500}), {@code benchmark.pickupSamples} (100),
 * {@code benchmark.backlogRows} (1000000) and {@code benchmark.backlogBaselineRows} (10000),
 * {@code benchmark.indexRows} (30000),
 * {@code benchmark.onnxDocuments} (2000), {@code benchmark.onnxSegments} (4). A count of 0 skips its part.
 */
public final class WorkerBenchmark {

	private static final int MIN_DOCUMENT_LENGTH = 200;

	private WorkerBenchmark() {
	}

	/**
	 * Runs the benchmark and prints its report.
	 * @param args not used; see the class description for the system properties
	 */
	public static void main(String[] args) throws Exception {
		int documents = Integer.getInteger("benchmark.documents", 20_000);
		int backfillRows = Integer.getInteger("benchmark.backfillRows", 60_000);
		int rounds = Integer.getInteger("benchmark.rounds", 5);
		List<WorkerConfiguration> configurations = WorkerConfiguration
			.parse(System.getProperty("benchmark.workers", "1,2,1x500"));
		int pickupSamples = Integer.getInteger("benchmark.pickupSamples", 100);
		int backlogRows = Integer.getInteger("benchmark.backlogRows", 1_000_000);
		int backlogBaselineRows = Integer.getInteger("benchmark.backlogBaselineRows", 10_000);
		int indexRows = Integer.getInteger("benchmark.indexRows", 30_000);
		int onnxDocuments = Integer.getInteger("benchmark.onnxDocuments", 2_000);
		int onnxSegments = Integer.getInteger("benchmark.onnxSegments", 4);
		List<Document> corpus = ManPageCorpus.load(Math.max(Math.max(documents, onnxDocuments), 1000),
				MIN_DOCUMENT_LENGTH);
		try (BenchmarkDatabase database = BenchmarkDatabase.create("worker_benchmark", 8)) {
			DataSource dataSource = database.dataSource();
			Machine.describe(dataSource);
			new CatalogInstaller(dataSource).install();
			ConfiguredPipelineFactory configured = new ConfiguredPipelineFactory(EmbedderFactory.builder().build(),
					ZoneOffset.UTC);
			PipelineFactory zeroCost = ZeroCostPipeline.factory(configured);
			if (documents > 0) {
				BackfillComparison.run(dataSource, zeroCost, corpus.subList(0, documents), backfillRows, rounds,
						configurations);
			}
			if (pickupSamples > 0) {
				PickupLatency.run(dataSource, zeroCost, corpus, pickupSamples);
			}
			if (backlogRows > 0) {
				BacklogMemory.run(dataSource, zeroCost, corpus, backlogBaselineRows, backlogRows);
			}
			if (onnxDocuments > 0) {
				OnnxComparison.run(dataSource, configured, corpus.subList(0, onnxDocuments), onnxSegments);
			}
			if (indexRows > 0) {
				IndexingDuringBackfill.run(dataSource, zeroCost, corpus, indexRows);
			}
		}
		System.exit(0);
	}

	static void requireConsistent(ManPageTable pages, WorkerRun run, long rows, long storedChunks) throws Exception {
		long stored = pages.storedChunks();
		if (stored != storedChunks || run.rows() != rows || run.failedRows() != 0) {
			throw new IllegalStateException("Inconsistent run: " + run + "; " + stored + " chunks stored, expected "
					+ storedChunks + " for " + rows + " rows");
		}
	}

	static void describeCorpus(List<Document> corpus) {
		long characters = corpus.stream().mapToLong((document) -> document.content().length()).sum();
		Report.line("corpus", "%d manual page sections, %.1f M characters (mean %d)", corpus.size(), characters / 1e6,
				characters / corpus.size());
	}

}
