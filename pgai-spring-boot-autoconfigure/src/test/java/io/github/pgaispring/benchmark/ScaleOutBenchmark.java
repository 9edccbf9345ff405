package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.worker.WorkerApplicationProcess;

/**
 * Throughput of 1, 2 and 4 standalone worker processes ({@code PgaiWorkerApplication}, one thread each) on one
 * database, embedding with a local OpenAI-compatible server that takes {@code benchmark.providerMillis} (50) per
 * request, as a remote provider does. Each configuration backfills the same {@code benchmark.rows} (20000) manual
 * page sections in batches of 50 and {@code benchmark.dimensions} (384) dimensions: the processes are started with
 * the vectorizer disabled, and timed from enabling it until every chunk is stored. With few dimensions (3) the
 * provider's answers and the chunk rows cost almost nothing, which shows the scaling of the worker itself on a
 * machine whose cores are busy. The baseline is the provider's own limit for one process (one request at a time,
 * {@code rows / 50 × providerMillis}); the ratio to it shows how close the processes come to linear scaling.
 * Run with {@code scripts/benchmark.sh scaling}; {@code benchmark.processes} (1,2,4) chooses the process counts.
 */
public final class ScaleOutBenchmark {

	private static final int BATCH_SIZE = 50;

	private ScaleOutBenchmark() {
	}

	/**
	 * Runs the benchmark and prints its report.
	 * @param args not used; see the class description for the system properties
	 */
	public static void main(String[] args) throws Exception {
		int rows = Integer.getInteger("benchmark.rows", 20_000);
		long providerMillis = Long.getLong("benchmark.providerMillis", 50);
		int dimensions = Integer.getInteger("benchmark.dimensions", ManPageTable.DIMENSIONS);
		List<Integer> processCounts = Arrays.stream(System.getProperty("benchmark.processes", "1,2,4").split(","))
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
		List<Document> corpus = ManPageCorpus.load(Math.min(rows, 20_000), 200);
		try (BenchmarkDatabase database = BenchmarkDatabase.create("scale_out", 4);
				EmbeddingTestServer provider = EmbeddingTestServer
					.start((request) -> EmbeddingProviderResponses.openAi(request, dimensions).delayedBy(providerMillis))) {
			DataSource dataSource = database.dataSource();
			Machine.describe(dataSource);
			new CatalogInstaller(dataSource).install();
			Report.section("Scale-out: worker processes on one database, provider answering in " + providerMillis
					+ " ms per request, " + dimensions + " dimensions");
			ManPageTable pages = ManPageTable.create(dataSource, "scaled_pages", corpus, rows,
					WorkerApplicationProcess.openAiEmbedding(provider, dimensions));
			pages.execute("update ai.vectorizer set disabled = true where id = " + pages.vectorizer().id());
			double providerLimit = rows / (rows / (double) BATCH_SIZE * providerMillis / 1000.0);
			Report.line("one process, provider-bound (" + rows / BATCH_SIZE + " requests of " + providerMillis + " ms)",
					"%.0f rows/s", providerLimit);
			double single = 0;
			for (int processes : processCounts) {
				pages.clear();
				pages.enqueue(1, rows);
				Measured measured = backfill(database, pages, processes, rows);
				if (single == 0) {
					single = measured.rowsPerSecond();
				}
				Report.line(processes + " process(es)",
						"%6.1f s  %6.0f rows/s  %.2fx one process  %.2fx linear  CPU workers %.1f s, provider %.1f s,"
								+ " db %.1f s", measured.seconds(), measured.rowsPerSecond(), measured.rowsPerSecond() / single,
						measured.rowsPerSecond() / (providerLimit * processes), measured.workerCpuSeconds(),
						measured.providerCpuSeconds(), measured.serverCpuSeconds());
			}
			Report.note("\"linear\" is the provider-bound rate times the process count: 1.00x means the processes wait"
					+ " only for the provider, lower means time spent elsewhere (database, CPU of this machine). The CPU"
					+ " figures are the worker processes', this JVM's (the provider) and the database backends' during the"
					+ " timed part, out of " + Runtime.getRuntime().availableProcessors() + " cores x the time.");
		}
		System.exit(0);
	}

	private static Measured backfill(BenchmarkDatabase database, ManPageTable pages, int processes, int rows)
			throws Exception {
		DataSource dataSource = database.dataSource();
		long registeredBefore = count(dataSource, "select count(*) from ai.vectorizer_worker_process");
		List<WorkerApplicationProcess> workers = new ArrayList<>();
		try {
			for (int i = 0; i < processes; i++) {
				workers.add(WorkerApplicationProcess.start(database.database(), List.of("-Xmx512m", "-XX:+UseSerialGC"),
						"pgai.worker.vectorizers=" + pages.vectorizer().name(), "pgai.worker.threads=1",
						"logging.level.io.github.pgaispring=warn"));
			}
			awaitUntil(() -> count(dataSource, "select count(*) from ai.vectorizer_worker_process")
					- registeredBefore >= processes, workers, 120);
			ServerCpu serverCpu = ServerCpu.start(dataSource);
			double workerCpu = workerCpuSeconds(workers);
			double providerCpu = jvmCpuSeconds();
			long started = System.nanoTime();
			pages.execute("update ai.vectorizer set disabled = false where id = " + pages.vectorizer().id());
			awaitUntil(() -> count(dataSource, "select count(*) from " + pages.vectorizer().qualifiedQueue()) == 0
					&& count(dataSource, "select count(distinct id) from " + pages.store()) == rows, workers, 1800);
			long nanos = System.nanoTime() - started;
			double cpu = serverCpu.seconds();
			workerCpu = workerCpuSeconds(workers) - workerCpu;
			providerCpu = jvmCpuSeconds() - providerCpu;
			pages.execute("update ai.vectorizer set disabled = true where id = " + pages.vectorizer().id());
			return new Measured(Report.seconds(nanos), rows / Report.seconds(nanos), cpu, workerCpu, providerCpu);
		}
		finally {
			for (WorkerApplicationProcess worker : workers) {
				worker.terminate();
				worker.close();
			}
		}
	}

	private static void awaitUntil(Check check, List<WorkerApplicationProcess> workers, int seconds)
			throws Exception {
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (!check.holds()) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Timed out after " + seconds + " s; first worker's output:\n"
						+ workers.get(0).output());
			}
			Thread.sleep(100);
		}
	}

	private static double workerCpuSeconds(List<WorkerApplicationProcess> workers) {
		return workers.stream().mapToDouble((worker) -> worker.cpuTime().toNanos() / 1e9).sum();
	}

	private static double jvmCpuSeconds() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
	}

	private static long count(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws Exception;

	}

	private record Measured(double seconds, double rowsPerSecond, double serverCpuSeconds, double workerCpuSeconds,
			double providerCpuSeconds) {

	}

}
