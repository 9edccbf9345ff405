package io.github.pgaispring.benchmark;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.VectorizerPipeline;

/**
 * Part 4 of {@link WorkerBenchmark}: with the in-process ONNX model, the worker against calling the model alone
 * on the same chunks in the same batches (the worker's overhead on top of the model). Goal: at most 10 %.
 */
final class OnnxComparison {

	private static final int WARMUP_ONNX_ROWS = 150;

	private static final int WARMUP_ONNX_CHUNKS = 300;

	private static final double ONNX_OVERHEAD_GOAL = 0.10;

	private OnnxComparison() {
	}

	/**
	 * The ONNX comparison, in segments: for each, the model alone embeds the segment's chunks batch by
	 * batch and the worker backfills the same rows, in alternating order, so drift in the machine's speed
	 * hits both alike.
	 */
	static void run(DataSource dataSource, ConfiguredPipelineFactory configured,
			List<Document> corpus, int segments) throws Exception {
		Report.section("4. Backfill with the in-process ONNX model (all-minilm-l6-v2) vs. the model alone");
		WorkerBenchmark.describeCorpus(corpus);
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
					WorkerBenchmark.requireConsistent(pages, run, last - first, chunks + segmentChunks);
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

}
