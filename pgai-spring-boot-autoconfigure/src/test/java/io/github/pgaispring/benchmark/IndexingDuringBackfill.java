package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.worker.BatchResult;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerMetrics;
import io.github.pgaispring.worker.WorkerSettings;

/**
 * Part 5 of {@link WorkerBenchmark}: a backfill of {@code benchmark.indexRows} rows with an HNSW index whose
 * {@code min_rows} (counted in chunks) is reached about half-way (zero-cost embedder, default settings, progress
 * reports every second). With pgai's default
 * {@code create_when_queue_empty} the index is built once the queue is empty; rows inserted one by one during
 * the build are timed from commit to chunks committed, which shows whether the build holds up the worker's
 * writes. With {@code create_when_queue_empty = false} the build starts in the middle of the backfill; the rows
 * per second before, during and after the build show what it and the live index cost.
 */
final class IndexingDuringBackfill {

	private static final Duration SAMPLE = Duration.ofMillis(200);

	private IndexingDuringBackfill() {
	}

	static void run(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus, int rows) throws Exception {
		Report.section("5. Backfill of " + rows + " rows crossing the HNSW index's min_rows (zero-cost embedder)");
		int minRows = (int) (rows * 0.85);
		whenQueueEmpty(dataSource, zeroCost, corpus, rows, minRows);
		duringBackfill(dataSource, zeroCost, corpus, rows, minRows);
	}

	private static void whenQueueEmpty(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus,
			int rows, int minRows) throws Exception {
		ManPageTable table = ManPageTable.create(dataSource, "indexed_when_empty", corpus, rows, embedding(),
				IndexingConfig.hnsw().withMinRows(minRows).withCreateWhenQueueEmpty(true));
		Commits commits = new Commits();
		VectorizerWorker worker = worker(dataSource, zeroCost, table, commits);
		long started = System.nanoTime();
		worker.start();
		try {
			commits.awaitRows(rows);
			long backfill = System.nanoTime() - started;
			Report.line("create_when_queue_empty (default): backfill", "%.1f s, %.0f rows/s", Report.seconds(backfill),
					rows / Report.seconds(backfill));
			awaitBuild(dataSource, table, true);
			long buildStarted = System.nanoTime();
			Samples latencies = new Samples();
			int id = rows;
			while (building(dataSource, table)) {
				CountDownLatch committed = commits.expectOne();
				long inserted = System.nanoTime();
				table.insert(++id, corpus.get(id % corpus.size()));
				if (committed.await(5, TimeUnit.MINUTES)) {
					latencies.add((commits.lastCommit.get() - inserted) / 1e6);
				}
				Thread.sleep(SAMPLE.toMillis());
			}
			long build = System.nanoTime() - buildStarted;
			Report.line("  HNSW build (CREATE INDEX CONCURRENTLY)", "%.1f s", Report.seconds(build));
			if (latencies.count() > 0) {
				Report.line("  rows inserted during the build: " + latencies.count() + ", commit to chunks committed",
						"p50 %.0f ms  max %.0f ms (the build took %.0f ms)", latencies.median(), latencies.max(),
						build / 1e6);
			}
			Report.line("  HNSW indexes on the store afterwards", "%d", hnswIndexes(dataSource, table));
		}
		finally {
			worker.stop();
			table.drop();
		}
	}

	private static void duringBackfill(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus,
			int rows, int minRows) throws Exception {
		ManPageTable table = ManPageTable.create(dataSource, "indexed_during", corpus, rows, embedding(),
				IndexingConfig.hnsw().withMinRows(minRows).withCreateWhenQueueEmpty(false));
		Commits commits = new Commits();
		VectorizerWorker worker = worker(dataSource, zeroCost, table, commits);
		long started = System.nanoTime();
		long buildStarted = 0;
		long buildEnded = 0;
		long rowsAtBuildStart = 0;
		long rowsAtBuildEnd = 0;
		worker.start();
		try {
			while (commits.rows.get() < rows) {
				Thread.sleep(SAMPLE.toMillis());
				boolean building = building(dataSource, table);
				if (building && buildStarted == 0) {
					buildStarted = System.nanoTime();
					rowsAtBuildStart = commits.rows.get();
				}
				if (!building && buildStarted != 0 && buildEnded == 0) {
					buildEnded = System.nanoTime();
					rowsAtBuildEnd = commits.rows.get();
				}
			}
			long ended = System.nanoTime();
			Report.line("create_when_queue_empty = false: backfill", "%.1f s, %.0f rows/s", Report.seconds(ended - started),
					rows / Report.seconds(ended - started));
			if (buildStarted != 0) {
				long end = (buildEnded != 0) ? buildEnded : ended;
				long endRows = (buildEnded != 0) ? rowsAtBuildEnd : rows;
				Report.line("  before the build", "%.0f rows/s", rowsAtBuildStart / Report.seconds(buildStarted - started));
				Report.line("  during the build (" + String.format("%.1f s", Report.seconds(end - buildStarted)) + ")",
						"%.0f rows/s", (endRows - rowsAtBuildStart) / Report.seconds(end - buildStarted));
				if (buildEnded != 0 && ended > buildEnded) {
					Report.line("  after the build (writes into the live index)", "%.0f rows/s",
							(rows - rowsAtBuildEnd) / Report.seconds(ended - buildEnded));
				}
			}
			awaitBuild(dataSource, table, false);
			Report.line("  HNSW indexes on the store afterwards", "%d", hnswIndexes(dataSource, table));
		}
		finally {
			worker.stop();
			table.drop();
		}
	}

	private static EmbeddingConfig embedding() {
		return EmbeddingConfig.onnx("all-minilm-l6-v2", ManPageTable.DIMENSIONS);
	}

	private static VectorizerWorker worker(DataSource dataSource, PipelineFactory zeroCost, ManPageTable table,
			Commits commits) {
		return new VectorizerWorker(dataSource, zeroCost, WorkerSettings.defaults()
			.withVectorizerNames(Set.of(table.vectorizer().name()))
			.withProgressLogInterval(Duration.ofSeconds(1)), commits);
	}

	/** Waits until a build of the store's index runs ({@code true}) or until the store has a valid one. */
	private static void awaitBuild(DataSource dataSource, ManPageTable table, boolean started) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (started ? !building(dataSource, table) && hnswIndexes(dataSource, table) == 0
				: hnswIndexes(dataSource, table) == 0) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("No HNSW index build on " + table.store());
			}
			Thread.sleep(50);
		}
	}

	private static boolean building(DataSource dataSource, ManPageTable table) throws SQLException {
		return count(dataSource, "select count(*) from pg_stat_progress_create_index where relid = '" + table.store()
				+ "'::regclass") > 0;
	}

	private static long hnswIndexes(DataSource dataSource, ManPageTable table) throws SQLException {
		return count(dataSource, "select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid "
				+ "join pg_am am on am.oid = c.relam where am.amname = 'hnsw' and i.indisvalid and i.indrelid = '"
				+ table.store() + "'::regclass");
	}

	private static long count(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Counts committed rows; opens a latch at the next commit that embedded rows. */
	private static final class Commits implements WorkerMetrics {

		private final AtomicLong rows = new AtomicLong();

		private final AtomicLong lastCommit = new AtomicLong();

		private volatile CountDownLatch next = new CountDownLatch(0);

		private volatile CountDownLatch all = new CountDownLatch(0);

		private volatile long allRows = Long.MAX_VALUE;

		CountDownLatch expectOne() {
			this.next = new CountDownLatch(1);
			return this.next;
		}

		void awaitRows(long expected) throws InterruptedException {
			this.all = new CountDownLatch(1);
			this.allRows = expected;
			if (this.rows.get() >= expected) {
				return;
			}
			if (!this.all.await(30, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Backfill not done: " + this.rows.get() + " of " + expected);
			}
		}

		@Override
		public void batchCompleted(Vectorizer vectorizer, BatchResult result) {
			if (result.embeddedRows() > 0) {
				this.lastCommit.set(System.nanoTime());
				if (this.rows.addAndGet(result.embeddedRows()) >= this.allRows) {
					this.all.countDown();
				}
				this.next.countDown();
			}
		}

	}

}
