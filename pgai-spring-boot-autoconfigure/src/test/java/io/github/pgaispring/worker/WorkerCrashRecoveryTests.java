package io.github.pgaispring.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker process killed with {@code kill -9} in the middle of batches loses nothing: its open batch
 * transactions roll back, their queue entries come back, and a new worker embeds every row exactly once.
 */
@PostgresTest
class WorkerCrashRecoveryTests {

	@Test
	void aKilledWorkerLosesNoWorkAndARestartedWorkerFinishesIt(FreshDatabase database) throws Exception {
		DataSource dataSource = database.dataSource();
		execute(dataSource, "create table crash (id int primary key, body text)",
				"insert into crash select i, 'row ' || i from generate_series(1, 300) i");
		Vectorizer vectorizer = vectorizer("public", "crash").batchSize(10).create(dataSource);
		String inFlightBatches = "select count(*) from pg_stat_activity where application_name = '"
				+ WorkerCrashChild.APPLICATION_NAME + "' and state = 'idle in transaction'";
		Path output = Files.createTempFile("pgai-crash-child", ".log");
		Process child = startChild(database, vectorizer, output);
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> count(dataSource, "select count(*) from crash_embedding_store") >= 20
						&& count(dataSource, inFlightBatches) > 0);
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> count(dataSource, "select count(*) from pg_stat_activity "
				+ "where application_name = '" + WorkerCrashChild.APPLICATION_NAME + "'") == 0);

		assertThat(count(dataSource, "select count(*) from crash_embedding_store")).as("killed mid-backfill, see " + output)
			.isLessThan(300);
		assertThat(count(dataSource, "select count(*) from crash c where not exists (select 1 from crash_embedding_store s "
				+ "where s.id = c.id) and not exists (select 1 from " + vectorizer.qualifiedQueue() + " q where q.id = c.id)"))
			.as("every row is embedded or still queued").isZero();

		TestEmbedder embedder = new TestEmbedder(3);
		VectorizerWorker restarted = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(embedder),
				WorkerSettings.defaults().withPollInterval(Duration.ofMillis(100)).withVectorizerNames(Set.of(vectorizer.name())));
		restarted.start();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()) == 0
						&& count(dataSource, "select count(*) from crash_embedding_store") == 300);
		}
		finally {
			restarted.stop();
		}
		assertThat(count(dataSource, "select count(distinct id) from crash_embedding_store s join crash c using (id) "
				+ "where s.chunk = c.body and s.chunk_seq = 0")).isEqualTo(300);
		assertThat(embedder.embedded()).doesNotHaveDuplicates();
		Files.delete(output);
	}

	private static Process startChild(FreshDatabase database, Vectorizer vectorizer, Path output) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WorkerCrashChild.class.getName(),
				database.url(), database.user(), database.password(), vectorizer.name())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
	}

}
