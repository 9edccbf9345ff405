package io.github.pgaispring.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.LongBuffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;


import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.chunking.RecursiveCharacterTextSplitter;
import io.github.pgaispring.embedding.OnnxEmbedder;
import io.github.pgaispring.embedding.OnnxModel;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.formatting.PythonTemplateFormatter;

/**
 * The in-process ONNX model ({@code all-minilm-l6-v2}), against baselines measured in the same run:
 * <ol>
 * <li>{@link OnnxEmbedder} against LangChain4j's own {@code embedAll} on the same chunks (manual page sections,
 * pgai's default splitter, {@code $title - $chunk}, batches of 50 rows) with the same number of threads: chunks/s,
 * the ratio, and the largest difference between the two vectors of a chunk; and, for the record, texts grouped by
 * token length and run as padded batches (what the starter does not do, and why);</li>
 * <li>searches during a backfill ({@link SearchesDuringBackfill}): the worker's rate and the search latency each
 * alone, then together (2,000 searches at concurrency 8 while the worker backfills), with query and document
 * embedding on one {@link OnnxScheduler} for each documents' share measured, and for comparison with the query
 * embedded on the calling thread as before.</li>
 * </ol>
 * Run with {@code scripts/benchmark.sh onnx}. System properties: {@code benchmark.threads} (cores),
 * {@code benchmark.onnxDocuments} (800), {@code benchmark.onnxSegments} (4), {@code benchmark.paddedRunSizes} (1,4,16),
 * {@code benchmark.searchDocuments}
 * (1200 documents, repeated into {@code benchmark.searchRows}, 8000 queued rows), {@code benchmark.searches} (2000),
 * {@code benchmark.searchConcurrency} (8), {@code benchmark.documentShares} (0.5,0.7,0.8),
 * {@code benchmark.searchRounds} (4), {@code benchmark.workerWindowSeconds} (10),
 * {@code benchmark.searchStoreChunks} (20000), {@code benchmark.searchIndex} ({@code none}: sequential scans;
 * {@code hnsw}), {@code benchmark.searchCharging} ({@code uncharged}, the starter's default; {@code charged}: the
 * scheduler charges searches for their statements, {@code pgai.onnx.charge-search-statements=true}; or both,
 * comma-separated),
 * {@code benchmark.unscheduledQueries} (true: also measure queries embedded outside the scheduler),
 * {@code benchmark.reservedQueryThreads} (0; e.g. {@code 0,1}: one case per count of threads reserved for searches),
 * {@code benchmark.searchLoad} (0: clients search back to back; a fraction such as 0.5: searches arrive on a fixed
 * schedule at that fraction of their capacity alone), {@code benchmark.searchRate} (0; searches per second: an
 * open loop at that fixed rate in every case, overriding {@code benchmark.searchLoad}).
 */
public final class OnnxBenchmark {

	private static final int ROWS_PER_BATCH = 50;

	private static final int WARMUP_CHUNKS = 200;


	private static final double SPEEDUP_GOAL = 1.3;

	private static final double EQUALITY_GOAL = 1e-5;

	private static final double WORKER_SHARE_GOAL = 0.5;

	private static final double P95_RATIO_GOAL = 2.0;

	private OnnxBenchmark() {
	}

	/**
	 * Runs the benchmark and prints its report.
	 * @param args not used; see the class description for the system properties
	 */
	public static void main(String[] args) throws Exception {
		int threads = Integer.getInteger("benchmark.threads", Runtime.getRuntime().availableProcessors());
		int documents = Integer.getInteger("benchmark.onnxDocuments", 800);
		int segments = Integer.getInteger("benchmark.onnxSegments", 4);
		int searchDocuments = Integer.getInteger("benchmark.searchDocuments", 1200);
		int searchRows = Integer.getInteger("benchmark.searchRows", 8000);
		int searches = Integer.getInteger("benchmark.searches", 2000);
		int concurrency = Integer.getInteger("benchmark.searchConcurrency", 8);
		List<Double> shares = Arrays.stream(System.getProperty("benchmark.documentShares", "0.5,0.7,0.8").split(","))
			.map(String::trim)
			.map(Double::valueOf)
			.toList();
		boolean unscheduled = Boolean.parseBoolean(System.getProperty("benchmark.unscheduledQueries", "true"));
		Duration workerWindow = Duration.ofSeconds(Integer.getInteger("benchmark.workerWindowSeconds", 10));
		int rounds = Integer.getInteger("benchmark.searchRounds", 4);
		int storeChunks = Integer.getInteger("benchmark.searchStoreChunks", 20000);
		List<Document> corpus = ManPageCorpus.load(Math.max(documents, searchDocuments) + 500, 200);
		try (BenchmarkDatabase database = BenchmarkDatabase.create("onnx_benchmark", concurrency + 8);
				OnnxScheduler scheduler = new OnnxScheduler(threads)) {
			Machine.describe(database.dataSource());
			Report.line("ONNX threads (scheduler threads, LangChain4j executor threads)", "%d", threads);
			if (documents > 0) {
				modelAlone(corpus.subList(0, documents), segments, threads, scheduler);
			}
			if (searchDocuments > 0) {
				SearchesDuringBackfill.run(database.dataSource(), corpus.subList(0, searchDocuments), searchRows,
						corpus.subList(searchDocuments, searchDocuments + 500), searches, concurrency, threads, shares,
						unscheduled, workerWindow, storeChunks, rounds);
			}
		}
		System.exit(0);
	}

	private static void modelAlone(List<Document> corpus, int segments, int threads, OnnxScheduler scheduler)
			throws Exception {
		Report.section("1. OnnxEmbedder vs LangChain4j's embedAll, same chunks, same threads");
		List<List<String>> batches = formattedBatches(corpus);
		List<String> chunks = batches.stream().flatMap(List::stream).toList();
		describeTokens(chunks);
		ExecutorService langChain4jThreads = Executors.newFixedThreadPool(threads);
		try {
			EmbeddingModel langChain4j = new AllMiniLmL6V2QuantizedEmbeddingModel(langChain4jThreads);
			OnnxEmbedder ours = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2, scheduler);
			Function<List<String>, List<float[]>> theirs = (batch) -> langChain4j
				.embedAll(batch.stream().map(TextSegment::from).toList())
				.content()
				.stream()
				.map(Embedding::vector)
				.toList();
			List<String> warmup = chunks.subList(0, Math.min(WARMUP_CHUNKS, chunks.size()));
			long warmupStarted = System.nanoTime();
			theirs.apply(warmup);
			ours.embedDocuments(warmup);
			Report.line("model loads + warm-up on " + warmup.size() + " chunks (not counted)", "%.1f s",
					Report.seconds(System.nanoTime() - warmupStarted));
			List<float[]> ourVectors = new ArrayList<>();
			List<float[]> theirVectors = new ArrayList<>();
			long oursNanos = 0;
			long theirsNanos = 0;
			long oursCpu = 0;
			long theirsCpu = 0;
			int perSegment = (int) Math.ceil((double) batches.size() / segments);
			for (int segment = 0; segment * perSegment < batches.size(); segment++) {
				List<List<String>> part = batches.subList(segment * perSegment,
						Math.min((segment + 1) * perSegment, batches.size()));
				int partChunks = part.stream().mapToInt(List::size).sum();
				for (int turn = 0; turn < 2; turn++) {
					boolean oursNow = (turn == 0) == (segment % 2 == 0);
					long cpuStarted = processCpuNanos();
					long started = System.nanoTime();
					for (List<String> batch : part) {
						(oursNow ? ourVectors : theirVectors).addAll(oursNow ? ours.embedDocuments(batch) : theirs.apply(batch));
					}
					long nanos = System.nanoTime() - started;
					long cpu = processCpuNanos() - cpuStarted;
					if (oursNow) {
						oursNanos += nanos;
						oursCpu += cpu;
					}
					else {
						theirsNanos += nanos;
						theirsCpu += cpu;
					}
					Report.line("segment " + (segment + 1) + ": " + (oursNow ? "OnnxEmbedder" : "LangChain4j embedAll"),
							"%6.1f s  %6.1f chunks/s  %5.1f CPU ms/chunk", Report.seconds(nanos),
							partChunks / Report.seconds(nanos), cpu / 1e6 / partChunks);
				}
			}
			double oursRate = chunks.size() / Report.seconds(oursNanos);
			double theirRate = chunks.size() / Report.seconds(theirsNanos);
			double difference = maxDifference(ourVectors, theirVectors);
			Report.note("Totals over " + chunks.size() + " chunks of " + corpus.size() + " rows, batches of "
					+ ROWS_PER_BATCH + " rows, " + threads + " threads each:");
			Report.line("LangChain4j embedAll (its session, one task per text)", "%6.1f s  %6.1f chunks/s  %5.1f CPU ms/chunk",
					Report.seconds(theirsNanos), theirRate, theirsCpu / 1e6 / chunks.size());
			Report.line("OnnxEmbedder (single-threaded sessions on the scheduler)", "%6.1f s  %6.1f chunks/s  %5.1f CPU ms/chunk",
					Report.seconds(oursNanos), oursRate, oursCpu / 1e6 / chunks.size());
			Report.line("speed-up, chunks/s (goal >= " + SPEEDUP_GOAL + "x)", "%.2fx  %s", oursRate / theirRate,
					Report.verdict(oursRate / theirRate >= SPEEDUP_GOAL));
			Report.line("CPU per chunk, LangChain4j / OnnxEmbedder", "%.2fx  (what the speed-up is on idle cores)",
					(double) theirsCpu / oursCpu);
			Report.line("largest difference of a vector component (goal <= 1e-5)", "%.1e  %s", difference,
					Report.verdict(difference <= EQUALITY_GOAL));
			paddedBatches(chunks, theirVectors, threads);
		}
		finally {
			langChain4jThreads.shutdown();
		}
	}

	/** The formatted chunks of each batch of 50 rows, as the worker makes them. */
	private static List<List<String>> formattedBatches(List<Document> corpus) {
		RecursiveCharacterTextSplitter splitter = RecursiveCharacterTextSplitter.withPgaiDefaults();
		PythonTemplateFormatter formatter = new PythonTemplateFormatter(ManPageTable.TEMPLATE, ZoneOffset.UTC);
		List<List<String>> batches = new ArrayList<>();
		for (int first = 0; first < corpus.size(); first += ROWS_PER_BATCH) {
			List<String> batch = new ArrayList<>();
			for (int index = first; index < Math.min(first + ROWS_PER_BATCH, corpus.size()); index++) {
				Document document = corpus.get(index);
				for (String chunk : splitter.split(document.content())) {
					batch.add(formatter.format(chunk, ManPageTable.row(index + 1, document)));
				}
			}
			batches.add(batch);
		}
		return batches;
	}

	private static void describeTokens(List<String> chunks) throws IOException {
		long tokens = 0;
		int truncated = 0;
		int maxModelTokens = 0;
		try (HuggingFaceTokenizer full = tokenizer(Map.of("padding", "false", "truncation", "false"));
				HuggingFaceTokenizer model = tokenizer(Map.of("padding", "false"))) {
			for (String chunk : chunks) {
				int all = full.encode(chunk, true, false).getIds().length;
				int seen = model.encode(chunk, true, false).getIds().length;
				tokens += all;
				maxModelTokens = Math.max(maxModelTokens, seen);
				truncated += (seen < all) ? 1 : 0;
			}
		}
		Report.line("corpus", "%d chunks, mean %.1f tokens per chunk (with [CLS] and [SEP])", chunks.size(),
				(double) tokens / chunks.size());
		Report.line("chunks the model's tokenizer cuts to " + maxModelTokens + " tokens", "%d (%.0f%%)", truncated,
				100.0 * truncated / chunks.size());
	}

	private static HuggingFaceTokenizer tokenizer(Map<String, String> options) throws IOException {
		try (InputStream in = OnnxBenchmark.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
			return HuggingFaceTokenizer.newInstance(in, options);
		}
	}

	/**
	 * The alternative the starter does not take: texts sorted by token length and run several at a time as one
	 * padded batch (attention mask, mean pooling over the real tokens), on single-threaded sessions, for each run
	 * size of {@code benchmark.paddedRunSizes} (1,4,16). The CPU per text is the model threads' own CPU time, so
	 * other processes' load does not count. The quantized model quantizes each layer's input with one scale for the
	 * whole run, so a text's vector then depends on the texts it runs with (run size 1 checks the harness: it must
	 * match LangChain4j's vectors).
	 */
	private static void paddedBatches(List<String> chunks, List<float[]> reference, int threads) throws Exception {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		byte[] model;
		try (InputStream in = OnnxBenchmark.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
			model = in.readAllBytes();
		}
		List<long[]> ids = new ArrayList<>(chunks.size());
		try (HuggingFaceTokenizer tokenizer = tokenizer(Map.of("padding", "false"))) {
			chunks.forEach((chunk) -> ids.add(tokenizer.encode(chunk, true, false).getIds()));
		}
		Integer[] byLength = new Integer[chunks.size()];
		Arrays.setAll(byLength, (index) -> index);
		Arrays.sort(byLength, Comparator.comparingInt((Integer index) -> ids.get(index).length));
		ExecutorService pool = Executors.newFixedThreadPool(threads,
				(task) -> new Thread(task, "padded-" + System.nanoTime()));
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			try (OrtSession session = environment.createSession(model, options)) {
				for (String size : System.getProperty("benchmark.paddedRunSizes", "1,4,16").split(",")) {
					int runSize = Integer.parseInt(size.trim());
					float[][] vectors = new float[chunks.size()][];
					ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
					AtomicLong cpuNanos = new AtomicLong();
					long started = System.nanoTime();
					List<Future<?>> runs = new ArrayList<>();
					for (int first = 0; first < byLength.length; first += runSize) {
						int[] group = new int[Math.min(runSize, byLength.length - first)];
						for (int i = 0; i < group.length; i++) {
							group[i] = byLength[first + i];
						}
						runs.add(pool.submit(() -> {
							long before = cpu.getCurrentThreadCpuTime();
							runPadded(environment, session, ids, group, vectors);
							cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - before);
							return null;
						}));
					}
					for (Future<?> run : runs) {
						run.get();
					}
					long nanos = System.nanoTime() - started;
					Report.line("padded runs of " + runSize + " texts by token length (not used)", "%6.1f s  %6.1f"
							+ " chunks/s  %5.2f model CPU ms/chunk, largest difference %.1e", Report.seconds(nanos),
							chunks.size() / Report.seconds(nanos), cpuNanos.get() / 1e6 / chunks.size(),
							maxDifference(Arrays.asList(vectors), reference));
				}
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private static void runPadded(OrtEnvironment environment, OrtSession session, List<long[]> ids, int[] group,
			float[][] vectors) throws Exception {
		int length = Arrays.stream(group).map((index) -> ids.get(index).length).max().orElseThrow();
		long[] inputIds = new long[group.length * length];
		long[] mask = new long[group.length * length];
		for (int row = 0; row < group.length; row++) {
			long[] text = ids.get(group[row]);
			System.arraycopy(text, 0, inputIds, row * length, text.length);
			Arrays.fill(mask, row * length, row * length + text.length, 1);
		}
		long[] shape = { group.length, length };
		try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
				OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
				OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[inputIds.length]), shape);
				OrtSession.Result result = session
					.run(Map.of("input_ids", input, "attention_mask", attention, "token_type_ids", types))) {
			float[][][] hidden = (float[][][]) result.get(0).getValue();
			for (int row = 0; row < group.length; row++) {
				int tokens = ids.get(group[row]).length;
				float[] mean = new float[hidden[row][0].length];
				for (int token = 0; token < tokens; token++) {
					for (int i = 0; i < mean.length; i++) {
						mean[i] += hidden[row][token][i];
					}
				}
				float norm = 0;
				for (int i = 0; i < mean.length; i++) {
					mean[i] /= tokens;
					norm += mean[i] * mean[i];
				}
				norm = (float) Math.sqrt(norm);
				for (int i = 0; i < mean.length; i++) {
					mean[i] /= norm;
				}
				vectors[group[row]] = mean;
			}
		}
	}

	/** CPU time of the whole JVM (all its threads, native ones included), robust against other processes' load. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double maxDifference(List<float[]> ours, List<float[]> theirs) {
		double difference = 0;
		for (int i = 0; i < ours.size(); i++) {
			for (int j = 0; j < ours.get(i).length; j++) {
				difference = Math.max(difference, Math.abs(ours.get(i)[j] - theirs.get(i)[j]));
			}
		}
		return difference;
	}

}
