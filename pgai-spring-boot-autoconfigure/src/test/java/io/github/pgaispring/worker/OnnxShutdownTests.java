package io.github.pgaispring.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while the in-process ONNX model embeds: the standalone worker in a child JVM is stopped in the middle of
 * a backfill, several times, while its ONNX threads run the model. ONNX Runtime releases its native environment
 * in a JVM shutdown hook of its own, which runs next to Spring's; before the starter guarded the model, this ended
 * in a SIGSEGV in {@code libonnxruntime.so} and an {@code hs_err_pid*.log}.
 */
@PostgresTest
class OnnxShutdownTests {

	/**
	 * Enough rows that the three stops stop the worker in the middle of its backlog: on an idle machine each stop
	 * embedded well over a hundred of 400 rows (its running batches finish on SIGTERM), and the last left none.
	 */
	private static final int ROWS = 2000;

	private static final int STOPS = 3;

	/** Logged once the model's session is loaded, just before its first texts are embedded. */
	private static final String MODEL_LOADED = "Loaded the ONNX model";

	@Test
	void sigtermMidEmbeddingExitsCleanlyWithoutACrashReport(FreshDatabase database, @TempDir Path workingDirectory)
			throws Exception {
		DataSource dataSource = database.dataSource();
		execute(dataSource, "create table onnx_stop (id int primary key, body text)",
				"insert into onnx_stop select i, 'Row ' || i || ': ' || repeat('the quick brown fox jumps over the"
						+ " lazy dog while the worker embeds it, ', 12) from generate_series(1, " + ROWS + ") i");
		Vectorizer vectorizer = vectorizer("public", "onnx_stop").batchSize(50)
			.embedding(EmbeddingConfig.onnx("all-minilm-l6-v2", 384))
			.create(dataSource);
		long stored = 0;
		for (int stop = 1; stop <= STOPS; stop++) {
			long before = stored;
			try (WorkerApplicationProcess worker = WorkerApplicationProcess.start(database, workingDirectory,
					"pgai.worker.vectorizers=" + vectorizer.name(), "pgai.worker.threads=2", "pgai.onnx.threads=2",
					"pgai.worker.poll-interval=100ms")) {
				worker.awaitUntil(Duration.ofSeconds(120), () -> worker.output().contains(MODEL_LOADED));
				Thread.sleep(ThreadLocalRandom.current().nextLong(400));

				int exitCode = worker.terminate();

				String output = worker.output();
				assertThat(crashReports(workingDirectory)).as("crash reports after stop " + stop + ":\n" + output)
					.isEmpty();
				assertThat(exitCode).as("128 + SIGTERM, output:\n" + output).isEqualTo(143);
				assertThat(output).contains("Vectorizer worker stopped").doesNotContain("SIGSEGV", "fatal error");
			}
			stored = count(dataSource, "select count(*) from onnx_stop_embedding_store");
			assertThat(stored).as("chunks stored after stop " + stop).isGreaterThanOrEqualTo(before).isLessThan(ROWS);
			assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()))
				.as("every row is embedded or still queued").isEqualTo(ROWS - stored);
		}
		assertThat(count(dataSource, "select count(*) from " + vectorizer.queueSchema() + "."
				+ vectorizer.queueFailedTable())).as("no row failed because of the shutdown").isZero();
	}

	private static List<Path> crashReports(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("hs_err_pid")).toList();
		}
	}

}
