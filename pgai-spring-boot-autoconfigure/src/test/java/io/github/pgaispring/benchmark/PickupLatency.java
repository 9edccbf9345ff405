package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.worker.BatchResult;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerMetrics;
import io.github.pgaispring.worker.WorkerSettings;

/**
 * Part 2 of {@link WorkerBenchmark}: how long a committed row waits for its chunks to be committed, with a
 * zero-cost embedder and the default settings (1 thread, 500 ms poll), one row at a time with a random pause of
 * 20–520 ms in between (so that rows arrive at any phase of the poll): first with the catalog's notifications, then, as the baseline, with the vectorizer's
 * notify trigger dropped (polling only, as on pgai's own catalog). Timed from just before the application's
 * {@code INSERT} (autocommit) to the worker's commit. Goal: median ≤ 100 ms with notifications.
 */
final class PickupLatency {

	private static final Duration GOAL = Duration.ofMillis(100);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private PickupLatency() {
	}

	static void run(DataSource dataSource, PipelineFactory zeroCost, List<Document> corpus, int samples)
			throws Exception {
		Report.section("2. Pickup latency: from the commit of a row to its chunks committed (zero-cost embedder)");
		ManPageTable table = ManPageTable.create(dataSource, "pickup_pages", List.of());
		Samples notified = measure(dataSource, zeroCost, table, corpus, samples, 0);
		table.execute("drop trigger " + triggerName(dataSource, table.vectorizer()) + "_notify on "
				+ table.vectorizer().qualifiedSource());
		Samples polled = measure(dataSource, zeroCost, table, corpus, Math.max(samples / 2, 1), samples);
		Report.line("with notifications (" + notified.count() + " rows)", "p50 %.1f ms  p95 %.1f ms  max %.1f ms",
				notified.median(), notified.percentile(95), notified.max());
		Report.line("polling only, 500 ms (" + polled.count() + " rows)", "p50 %.1f ms  p95 %.1f ms  max %.1f ms",
				polled.median(), polled.percentile(95), polled.max());
		Report.line("PICKUP LATENCY p50 / p95 (goal p50 <= " + GOAL.toMillis() + " ms)", "%.1f ms / %.1f ms  %s",
				notified.median(), notified.percentile(95), Report.verdict(notified.median() <= GOAL.toMillis()));
		Report.line("median, polling / notifications", "%.1fx", polled.median() / notified.median());
		table.drop();
	}

	private static Samples measure(DataSource dataSource, PipelineFactory zeroCost, ManPageTable table,
			List<Document> corpus, int samples, int firstId) throws Exception {
		Commits commits = new Commits();
		WorkerSettings settings = WorkerSettings.defaults()
			.withVectorizerNames(Set.of(table.vectorizer().name()));
		VectorizerWorker worker = new VectorizerWorker(dataSource, zeroCost, settings, commits);
		SplittableRandom random = new SplittableRandom(7);
		Samples latencies = new Samples();
		worker.start();
		try {
			Thread.sleep(1000);
			for (int i = 1; i <= samples; i++) {
				CountDownLatch committed = commits.expect();
				long started = System.nanoTime();
				table.insert(firstId + i, corpus.get((firstId + i) % corpus.size()));
				if (!committed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("Row " + (firstId + i) + " was not embedded within " + TIMEOUT);
				}
				latencies.add((commits.committedAt - started) / 1e6);
				Thread.sleep(random.nextInt(20, 521));
			}
		}
		finally {
			worker.stop();
		}
		return latencies;
	}

	private static String triggerName(DataSource dataSource, Vectorizer vectorizer) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("select trigger_name from ai.vectorizer where id = ?")) {
			statement.setInt(1, vectorizer.id());
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	/** Opens a latch when a batch that embedded rows has committed. */
	private static final class Commits implements WorkerMetrics {

		private volatile CountDownLatch latch = new CountDownLatch(0);

		private volatile long committedAt;

		CountDownLatch expect() {
			this.latch = new CountDownLatch(1);
			return this.latch;
		}

		@Override
		public void batchCompleted(Vectorizer vectorizer, BatchResult result) {
			if (result.embeddedRows() > 0) {
				this.committedAt = System.nanoTime();
				this.latch.countDown();
			}
		}

	}

}
