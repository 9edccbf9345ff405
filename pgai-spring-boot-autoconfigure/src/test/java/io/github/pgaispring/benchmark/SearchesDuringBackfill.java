package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import com.pgvector.PGvector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.embedding.SearchScope;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.worker.BatchResult;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerMetrics;
import io.github.pgaispring.worker.WorkerSettings;

/**
 * Part 2 of {@link OnnxBenchmark}: searches (embed the query, then the nearest 10 chunks by cosine distance, no
 * ANN index as below pgai's 100k-row default) while the worker backfills with the same in-process model.
 * <p>
 * The worker backfills one large backlog, so it never runs out while it is measured (checked), and the store is
 * filled up front, so the scans the searches do grow little during the run. Each case (a scheduling policy) runs
 * in rounds, so the load other processes put on the machine hits every phase alike: searches alone (the worker
 * stopped), the worker alone for a window, then the worker while a round's share of the searches runs (searches
 * alone use the case's own scheduler and charging; the calling-thread case compares with the first case's). The worker's
 * rate is the chunks the model embedded for it per second (counted by the scheduler per text, so a window need not
 * hold whole batches); the chunks it committed are printed beside it. Search latencies of all rounds are pooled.
 */
final class SearchesDuringBackfill {

	private static final double WORKER_SHARE_GOAL = 0.5;

	private static final double P95_RATIO_GOAL = 2.0;

	private static final int WARMUP_SEARCHES = 200;

	/**
	 * Whether the scheduler charges the searches, which run in a {@link SearchScope} as repositories do, for their
	 * statements ({@code charged}, {@code pgai.onnx.charge-search-statements=true}), not ({@code uncharged}, the
	 * default), or both cases.
	 */
	private static final List<Boolean> CHARGING = Arrays.stream(System.getProperty("benchmark.searchCharging",
			"uncharged").split(",")).map(String::trim).map("charged"::equals).toList();

	/**
	 * The scheduler's threads reserved for searches to measure, one case each ({@code 0}, the default, or e.g.
	 * {@code 0,1}: {@code pgai.onnx.reserved-query-threads}).
	 */
	private static final List<Integer> RESERVED = Arrays.stream(System.getProperty("benchmark.reservedQueryThreads",
			"0").split(",")).map(String::trim).map(Integer::valueOf).toList();

	/** {@code none} (sequential scans, as below pgai's index threshold) or {@code hnsw}. */
	private static final String INDEX = System.getProperty("benchmark.searchIndex", "none");

	/**
	 * 0 for searches back to back (a closed loop: each client searches again as soon as its search returns), or
	 * the fraction of the searches' own capacity (their closed-loop rate alone, measured first in each case) at which
	 * searches arrive on a fixed schedule (an open loop), their latency counted from the scheduled start.
	 */
	private static final double LOAD = Double.parseDouble(System.getProperty("benchmark.searchLoad", "0"));

	/**
	 * 0, or a fixed open-loop arrival rate in searches per second for every case instead of a fraction of each
	 * case's own capacity (which varies between cases by a quarter or more on a shared machine), so that cases are
	 * compared at the same load.
	 */
	private static final double RATE = Double.parseDouble(System.getProperty("benchmark.searchRate", "0"));

	private final DataSource dataSource;

	private final ManPageTable pages;

	private final List<String> queryTexts;

	private final int searches;

	private final int concurrency;

	private final Duration workerWindow;

	private final long storeChunks;

	private final int rounds;

	/** The open loop's arrivals per second in the current case, 0 for a closed loop. */
	private double rate;

	private SearchesDuringBackfill(DataSource dataSource, ManPageTable pages, List<String> queryTexts, int searches,
			int concurrency, Duration workerWindow, long storeChunks, int rounds) {
		this.storeChunks = storeChunks;
		this.rounds = rounds;
		this.dataSource = dataSource;
		this.pages = pages;
		this.queryTexts = queryTexts;
		this.searches = searches;
		this.concurrency = concurrency;
		this.workerWindow = workerWindow;
	}

	/**
	 * Runs part 2.
	 * @param corpus the documents the source table repeats
	 * @param rows the rows of the backlog
	 * @param queries documents whose titles are the search texts
	 * @param documentShares the scheduler shares to measure (one case each)
	 * @param callingThread whether to also measure queries embedded on the calling thread (LangChain4j)
	 * @param storeChunks the chunks the store holds after the warm-up (the warm-up's repeated)
	 * @param rounds the rounds each case's searches are split into
	 */
	static void run(DataSource dataSource, List<Document> corpus, int rows, List<Document> queries, int searches,
			int concurrency, int threads, List<Double> documentShares, boolean callingThread, Duration workerWindow,
			long storeChunks, int rounds) throws Exception {
		Report.section("2. Searches during a backfill: " + searches + " searches at concurrency " + concurrency);
		new CatalogInstaller(dataSource).install();
		ManPageTable pages = ManPageTable.create(dataSource, "man_pages_search", corpus, rows);
		pages.clear();
		pages.enqueue(1, rows);
		Report.line("backlog", "%d rows queued (%d documents repeated)", rows, corpus.size());
		Report.line("each case, " + rounds + " rounds of", "searches alone (worker stopped) | worker alone %d s |"
				+ " worker and %d searches", workerWindow.toSeconds(), searches / rounds);
		SearchesDuringBackfill benchmark = new SearchesDuringBackfill(dataSource, pages,
				queries.stream().map(Document::title).toList(), searches, concurrency, workerWindow, storeChunks,
				rounds);
		List<Case> cases = new ArrayList<>();
		for (int reserved : RESERVED) {
			for (boolean charged : CHARGING) {
				for (double share : documentShares) {
					OnnxScheduler scheduler = new OnnxScheduler(threads, share,
							OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, charged, reserved);
					Function<String, float[]> query = pipelines(scheduler).create(pages.vectorizer().config())
						.embedder()::embedQuery;
					cases.add(new Case("one scheduler, documents' share " + share
							+ ((share == OnnxScheduler.DEFAULT_DOCUMENT_SHARE) ? " (the default)" : "")
							+ (charged
									? ", searches charged for their statements (pgai.onnx.charge-search-statements=true)"
									: ", only the model's time charged (the default)")
							+ ((reserved > 0) ? ", " + reserved + " thread(s) reserved for searches"
									+ " (pgai.onnx.reserved-query-threads=" + reserved + ")" : ""),
							scheduler, query, true));
				}
			}
		}
		ExecutorService unused = Executors.newSingleThreadExecutor();
		try {
			if (callingThread) {
				EmbeddingModel langChain4j = new AllMiniLmL6V2QuantizedEmbeddingModel(unused);
				cases.add(new Case("queries on the calling threads (LangChain4j's embed), documents on the scheduler",
						new OnnxScheduler(threads), (text) -> langChain4j.embed(text).content().vector(), false));
			}
			benchmark.run(cases);
		}
		finally {
			unused.shutdown();
			cases.forEach((each) -> each.scheduler().close());
		}
	}

	private static ConfiguredPipelineFactory pipelines(OnnxScheduler scheduler) {
		return new ConfiguredPipelineFactory(EmbedderFactory.builder().onnxScheduler(scheduler).build(),
				ZoneOffset.UTC);
	}

	private void run(List<Case> cases) throws Exception {
		Case first = cases.get(0);
		try (RunningWorker worker = RunningWorker.start(this.dataSource, first.scheduler(), this.pages.vectorizer())) {
			worker.awaitBatches(2);
			for (Case each : cases) {
				searches(each, WARMUP_SEARCHES);
			}
		}
		long warm = this.pages.storedChunks();
		prefill();
		Report.line("warm-up: 2 batches and " + WARMUP_SEARCHES + " searches per case (not counted)",
				"%d chunks stored, repeated to %d so searches scan a store of that size", warm, this.pages.storedChunks());
		Report.line("vector index on the store (benchmark.searchIndex)", "%s", INDEX);
		Report.line("search arrivals (benchmark.searchLoad, benchmark.searchRate)", "%s", arrivals());
		int perRound = Math.max(1, this.searches / this.rounds);
		for (Case each : cases) {
			Report.note(each.label() + ":");
			Case baseline = each.throughScheduler() ? each : first;
			if (RATE > 0) {
				this.rate = RATE;
			}
			else if (LOAD > 0) {
				Searches capacity = searches(baseline, perRound, 0);
				this.rate = LOAD * capacity.perSecond();
				Report.line("  capacity: searches alone, back to back", "%s; open loop at %.1f searches/s",
						capacity.describe(), this.rate);
			}
			Searches idle = searchesAlone(baseline, perRound);
			Window alone = null;
			Window together = null;
			Searches during = null;
			for (int round = 0; round < this.rounds; round++) {
				if (queued() == 0) {
					throw new IllegalStateException("The backlog ran out in round " + (round + 1) + " of '"
							+ each.label() + "'; raise benchmark.searchRows");
				}
				Searches[] searched = new Searches[1];
				try (RunningWorker worker = RunningWorker.start(this.dataSource, each.scheduler(),
						this.pages.vectorizer())) {
					worker.awaitEmbedding();
					alone = Window.plus(alone, worker.measure(() -> Thread.sleep(this.workerWindow.toMillis())));
					together = Window.plus(together,
							worker.measure(() -> searched[0] = searches(each, perRound)));
				}
				during = Searches.plus(during, searched[0]);
				idle = Searches.plus(idle, searchesAlone(baseline, perRound));
			}
			report(alone, together, idle, during);
		}
	}

	private String arrivals() {
		if (RATE > 0) {
			return String.format(java.util.Locale.ROOT,
					"open loop at %.1f searches/s in every case, latency from the scheduled start", RATE);
		}
		if (LOAD > 0) {
			return String.format(java.util.Locale.ROOT,
					"open loop at %.0f%% of the searches' capacity alone, latency from the scheduled start", 100 * LOAD);
		}
		return "closed loop: " + this.concurrency + " clients searching back to back";
	}

	private void report(Window alone, Window together, Searches idle, Searches during) throws SQLException {
		long queued = queued();
		Report.line("  searches alone (worker stopped)", "%s", idle.describe());
		Report.line("    CPU: this JVM / the database's backends", "%.2f / %.2f cores  (%.1f / %.1f ms per search)",
				idle.jvmCores(), idle.databaseCores(), idle.jvmCpuSeconds() * 1e3 / idle.count(),
				idle.databaseCpuSeconds() * 1e3 / idle.count());
		Report.line("  worker alone", "%6.1f chunks/s embedded  (%.1f committed)  JVM %.2f cores",
				alone.embeddedPerSecond(), alone.committedPerSecond(), alone.jvmCores());
		Report.line("    model threads busy / their CPU per second of run / whole machine busy",
				"%.0f%% / %.2f / %.2f of %d cores", 100 * alone.modelBusy(), alone.modelCpuPerRun(),
				alone.machineCores(), Runtime.getRuntime().availableProcessors());
		Report.line("  worker while searching", "%6.1f chunks/s embedded  (%.1f committed)  JVM %.2f cores",
				together.embeddedPerSecond(), together.committedPerSecond(), together.jvmCores());
		double share = together.embeddedPerSecond() / alone.embeddedPerSecond();
		Report.line("  worker rate / alone (goal >= " + WORKER_SHARE_GOAL + ")", "%.2f  %s", share,
				Report.verdict(share >= WORKER_SHARE_GOAL));
		Report.line("  searches while backfilling", "%s", during.describe());
		double p95Ratio = during.p95() / idle.p95();
		Report.line("  search p95 / alone (goal <= " + P95_RATIO_GOAL + ")", "%.2f  %s", p95Ratio,
				Report.verdict(p95Ratio <= P95_RATIO_GOAL));
		Report.line("  search throughput / alone", "%.2f", during.perSecond() / idle.perSecond());
		Report.line("  model time while searching: documents / queries", "%.0f%% / %.0f%%  (%.1f ms per query text)",
				100 * together.usage().documentShare(), 100 * (1 - together.usage().documentShare()),
				(together.usage().queryTexts() == 0) ? Double.NaN
						: together.usage().queryTime().toNanos() / 1e6 / together.usage().queryTexts());
		Report.line("  charged while searching: documents / queries (model and statements)", "%.0f%% / %.0f%%"
				+ "  (%.1f ms charged per search outside the model)", 100 * together.usage().chargedDocumentShare(),
				100 * (1 - together.usage().chargedDocumentShare()), (together.usage().queryTexts() == 0) ? Double.NaN
						: together.usage().searchTime().toNanos() / 1e6 / together.usage().queryTexts());
		Report.line("  CPU while searching: this JVM / the database's backends", "%.2f / %.2f cores",
				together.jvmCores(), together.databaseCpuSeconds() / Report.seconds(together.nanos()));
		Report.line("    model threads busy / their CPU per second of run / whole machine busy",
				"%.0f%% / %.2f / %.2f of %d cores", 100 * together.modelBusy(), together.modelCpuPerRun(),
				together.machineCores(), Runtime.getRuntime().availableProcessors());
		Report.line("  load average after (1/5/15 min)", "%s   %d chunks stored, %d rows still queued%s",
				Machine.loadAverage(), this.pages.storedChunks(), queued,
				(queued == 0) ? "  BACKLOG RAN OUT, raise benchmark.searchRows" : "");
	}

	/** Repeats the stored chunks (with other chunk numbers) until the store holds {@link #storeChunks}. */
	private void prefill() throws SQLException {
		long stored = this.pages.storedChunks();
		long copies = (this.storeChunks + stored - 1) / stored - 1;
		if (copies > 0) {
			this.pages.execute("insert into " + this.pages.store() + " (id, chunk_seq, chunk, embedding)"
					+ " select s.id, s.chunk_seq + 100000 * k, s.chunk, s.embedding from " + this.pages.store()
					+ " s, generate_series(1, " + copies + ") k");
			this.pages.execute("analyze " + this.pages.store());
		}
		if ("hnsw".equals(INDEX)) {
			this.pages.execute("create index on " + this.pages.store() + " using hnsw (embedding vector_cosine_ops)");
			this.pages.execute("analyze " + this.pages.store());
		}
	}

	private Searches searchesAlone(Case each, int count) throws Exception {
		long jvm = processCpuNanos();
		ServerCpu database = ServerCpu.start(this.dataSource);
		Searches alone = searches(each, count);
		return alone.withCpu((processCpuNanos() - jvm) / 1e9, database.seconds());
	}

	private Searches searches(Case each, int count) throws Exception {
		return searches(each, count, this.rate);
	}

	private Searches searches(Case each, int count, double rate) throws Exception {
		return Searches.run(this.dataSource, this.pages.store(), each.query(), this.queryTexts, count,
				this.concurrency, rate);
	}

	private long queued() throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from " + this.pages.vectorizer().qualifiedQueue())) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** CPU time of the whole JVM (all its threads, native ones included). */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** A scheduling policy to measure: the worker's scheduler and how search queries are embedded. */
	private record Case(String label, OnnxScheduler scheduler, Function<String, float[]> query,
			boolean throughScheduler) {
	}

	/** Something to do while the worker is measured. */
	@FunctionalInterface
	private interface Phase {

		void run() throws Exception;

	}

	/** What the worker did during a phase. */
	private record Window(OnnxScheduler.Usage usage, long committedChunks, long nanos, double jvmCpuSeconds,
			double databaseCpuSeconds, double modelCpuSeconds, double machineCpuSeconds, int threads) {

		static Window plus(@Nullable Window sum, Window window) {
			if (sum == null) {
				return window;
			}
			return new Window(sum.usage.plus(window.usage), sum.committedChunks + window.committedChunks,
					sum.nanos + window.nanos, sum.jvmCpuSeconds + window.jvmCpuSeconds,
					sum.databaseCpuSeconds + window.databaseCpuSeconds, sum.modelCpuSeconds + window.modelCpuSeconds,
					sum.machineCpuSeconds + window.machineCpuSeconds, window.threads);
		}

		/** The part of the scheduler's threads' time that they ran the model (for either workload). */
		double modelBusy() {
			return (this.usage.documentTime().toNanos() + this.usage.queryTime().toNanos())
					/ ((double) this.threads * this.nanos);
		}

		/** The model threads' CPU time per second of their runs: below 1 when other processes take the cores. */
		double modelCpuPerRun() {
			return this.modelCpuSeconds
					/ Report.seconds(this.usage.documentTime().toNanos() + this.usage.queryTime().toNanos());
		}

		double machineCores() {
			return this.machineCpuSeconds / Report.seconds(this.nanos);
		}

		double embeddedPerSecond() {
			return this.usage.documentTexts() / Report.seconds(this.nanos);
		}

		double jvmCores() {
			return this.jvmCpuSeconds / Report.seconds(this.nanos);
		}

		double committedPerSecond() {
			return this.committedChunks / Report.seconds(this.nanos);
		}

	}

	/** The worker (one thread, the default settings) backfilling the vectorizer, and what it committed. */
	private static final class RunningWorker implements WorkerMetrics, AutoCloseable {

		private final OnnxScheduler scheduler;

		private final VectorizerWorker worker;

		private final DataSource dataSource;

		private final AtomicLong chunks = new AtomicLong();

		private final AtomicInteger batches = new AtomicInteger();

		private RunningWorker(DataSource dataSource, OnnxScheduler scheduler, Vectorizer vectorizer) {
			this.dataSource = dataSource;
			this.scheduler = scheduler;
			WorkerSettings settings = WorkerSettings.defaults().withVectorizerNames(Set.of(vectorizer.name()));
			this.worker = new VectorizerWorker(dataSource, pipelines(scheduler), settings, this);
		}

		static RunningWorker start(DataSource dataSource, OnnxScheduler scheduler, Vectorizer vectorizer) {
			RunningWorker running = new RunningWorker(dataSource, scheduler, vectorizer);
			running.worker.start();
			return running;
		}

		@Override
		public void batchCompleted(Vectorizer vectorizer, BatchResult result) {
			this.chunks.addAndGet(result.chunks());
			this.batches.incrementAndGet();
		}

		void awaitBatches(int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (this.batches.get() < count) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The worker completed " + this.batches + " of " + count
							+ " batches within 10 minutes");
				}
				Thread.sleep(10);
			}
		}

		/** Waits until the model embeds the worker's texts (its first claim is done). */
		void awaitEmbedding() throws InterruptedException {
			long texts = this.scheduler.usage().documentTexts();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (this.scheduler.usage().documentTexts() == texts) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The worker embedded nothing within 10 minutes");
				}
				Thread.sleep(10);
			}
		}

		Window measure(Phase phase) throws Exception {
			OnnxScheduler.Usage usage = this.scheduler.usage();
			long committed = this.chunks.get();
			long jvm = processCpuNanos();
			Map<Long, Long> model = Machine.threadCpuNanos("pgai-onnx-");
			double machine = Machine.busyCpuSeconds();
			ServerCpu database = ServerCpu.start(this.dataSource);
			long started = System.nanoTime();
			phase.run();
			long nanos = System.nanoTime() - started;
			return new Window(this.scheduler.usage().since(usage), this.chunks.get() - committed, nanos,
					(processCpuNanos() - jvm) / 1e9, database.seconds(),
					Machine.threadCpuNanosSince("pgai-onnx-", model) / 1e9, Machine.busyCpuSeconds() - machine,
					this.scheduler.threads());
		}

		@Override
		public void close() {
			this.worker.stop();
		}

	}

	/** Latencies of searches: embed the text, then the nearest 10 chunks by cosine distance. */
	private record Searches(Samples millis, Samples embedMillis, long nanos, int count, double jvmCpuSeconds,
			double databaseCpuSeconds) {

		static Searches plus(@Nullable Searches sum, Searches searches) {
			if (sum == null) {
				return searches;
			}
			Samples millis = new Samples();
			Samples embedMillis = new Samples();
			for (Searches each : List.of(sum, searches)) {
				each.millis.values().forEach(millis::add);
				each.embedMillis.values().forEach(embedMillis::add);
			}
			return new Searches(millis, embedMillis, sum.nanos + searches.nanos, sum.count + searches.count,
					sum.jvmCpuSeconds + searches.jvmCpuSeconds, sum.databaseCpuSeconds + searches.databaseCpuSeconds);
		}

		Searches withCpu(double jvm, double database) {
			return new Searches(this.millis, this.embedMillis, this.nanos, this.count, jvm, database);
		}

		double perSecond() {
			return this.count / Report.seconds(this.nanos);
		}

		double jvmCores() {
			return this.jvmCpuSeconds / Report.seconds(this.nanos);
		}

		double databaseCores() {
			return this.databaseCpuSeconds / Report.seconds(this.nanos);
		}

		/**
		 * Runs the searches on {@code concurrency} clients: back to back for a {@code rate} of 0, otherwise the
		 * {@code i}-th at {@code i / rate} seconds after the start (or as soon as a client is free, if all are
		 * busy), its latency counted from then, so that a search delayed by earlier ones counts its wait.
		 */
		static Searches run(DataSource dataSource, String store, Function<String, float[]> embedQuery,
				List<String> texts, int searches, int concurrency, double rate) throws Exception {
			long interval = (rate > 0) ? (long) (1e9 / rate) : 0;
			Samples millis = new Samples();
			Samples embedMillis = new Samples();
			AtomicInteger next = new AtomicInteger();
			ExecutorService clients = Executors.newFixedThreadPool(concurrency);
			long started = System.nanoTime();
			try {
				List<Future<List<double[]>>> runs = new ArrayList<>();
				for (int client = 0; client < concurrency; client++) {
					runs.add(clients.submit(() -> {
						List<double[]> latencies = new ArrayList<>();
						try (Connection connection = dataSource.getConnection();
								PreparedStatement nearest = connection.prepareStatement("select id, chunk_seq from "
										+ store + " order by embedding <=> ? limit 10")) {
							for (int i = next.getAndIncrement(); i < searches; i = next.getAndIncrement()) {
								long start = System.nanoTime();
								if (interval > 0) {
									long scheduled = started + i * interval;
									if (scheduled > start) {
										LockSupport.parkNanos(scheduled - start);
									}
									start = scheduled;
								}
								String text = texts.get(i % texts.size());
								long[] embedded = new long[1];
								// in a scope, as repositories search; the case's scheduler decides whether it charges
								SearchScope.run(() -> {
									float[] vector = embedQuery.apply(text);
									embedded[0] = System.nanoTime();
									nearest(nearest, vector);
									return null;
								});
								latencies.add(new double[] { (System.nanoTime() - start) / 1e6,
										(embedded[0] - start) / 1e6 });
							}
						}
						return latencies;
					}));
				}
				for (Future<List<double[]>> run : runs) {
					for (double[] latency : run.get()) {
						millis.add(latency[0]);
						embedMillis.add(latency[1]);
					}
				}
			}
			finally {
				clients.shutdown();
			}
			return new Searches(millis, embedMillis, System.nanoTime() - started, millis.count(), Double.NaN,
					Double.NaN);
		}

		private static void nearest(PreparedStatement nearest, float[] vector) {
			try {
				nearest.setObject(1, new PGvector(vector));
				try (ResultSet rs = nearest.executeQuery()) {
					while (rs.next()) {
						rs.getLong(1);
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		double p95() {
			return this.millis.percentile(95);
		}

		String describe() {
			return String.format(java.util.Locale.ROOT,
					"p50 %6.1f ms  p95 %6.1f ms  %6.1f searches/s  (%d; embedding %.1f ms of %.1f ms on average)",
					this.millis.median(), p95(), perSecond(), this.count,
					this.embedMillis.mean(), this.millis.mean());
		}

	}

}
