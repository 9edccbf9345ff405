package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries of failed rows: the backoff counts from the failure, however long the provider took to fail, and the
 * errors are recorded at the failure; a row parked twice is in the failed queue once.
 */
@PostgresTest
class WorkerRetryBackoffTests {

	private static final long PROVIDER_MILLIS = 800;

	private static final Duration BACKOFF = Duration.ofMillis(500);

	@Test
	void aSlowFailingProviderGetsTheFullBackoffBetweenAttempts(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table slow_failure (id int primary key, body text)",
				"insert into slow_failure values (1, 'never embedded')");
		Vectorizer vectorizer = vectorizer("public", "slow_failure").retries(2).create(dataSource);
		SlowFailingEmbedder embedder = new SlowFailingEmbedder();
		WorkerSettings settings = WorkerSettings.defaults()
			.withPollInterval(Duration.ofMillis(50))
			.withRetries(null, BACKOFF, Duration.ofMinutes(1))
			.withVectorizerNames(Set.of(vectorizer.name()));
		VectorizerWorker worker = new VectorizerWorker(dataSource,
				(config) -> new WorkerTestPipeline(config, new TestEmbedder(3)).withEmbedder(embedder), settings);
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> count(dataSource, "select count(*) from " + vectorizer.qualifiedFailedQueue()) == 1);
		}
		finally {
			worker.stop();
		}

		List<Attempt> attempts = embedder.attempts;
		assertThat(attempts).hasSize(3);
		for (int retry = 1; retry < attempts.size(); retry++) {
			long gapMillis = (attempts.get(retry).startNanos() - attempts.get(retry - 1).endNanos()) / 1_000_000;
			assertThat(gapMillis).as("pause after failed attempt %d", retry)
				.isGreaterThanOrEqualTo(BACKOFF.multipliedBy(1L << (retry - 1)).toMillis() - 20);
		}
		List<String> recorded = rows(dataSource, "select (extract(epoch from recorded) * 1000)::bigint"
				+ " from ai._vectorizer_errors where id = " + vectorizer.id() + " order by recorded");
		assertThat(recorded).hasSize(3);
		for (int i = 0; i < recorded.size(); i++) {
			assertThat(Long.parseLong(recorded.get(i))).as("error %d recorded after the provider failed", i + 1)
				.isGreaterThanOrEqualTo(attempts.get(i).endMillis() - 20);
		}
	}

	@Test
	void aRowParkedAgainIsInTheFailedQueueOnce(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table parked_twice (id int primary key, body text)",
				"insert into parked_twice values (1, 'BADCHUNK one'), (2, 'fine')");
		Vectorizer vectorizer = vectorizer("public", "parked_twice").retries(0).create(dataSource);
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				WorkerSettings.defaults());
		processor.process(vectorizer);
		assertThat(rows(dataSource, "select id, failure_step from " + vectorizer.qualifiedFailedQueue()))
			.containsExactly("1|chunking");

		execute(dataSource, "update parked_twice set body = 'BADCHUNK two' where id = 1");
		processor.process(vectorizer);

		assertThat(rows(dataSource, "select id, failure_step from " + vectorizer.qualifiedFailedQueue()))
			.containsExactly("1|chunking");
		assertThat(count(dataSource, "select count(*) from parked_twice_embedding_store")).isOne();
	}

	private record Attempt(long startNanos, long endNanos, long endMillis) {

	}

	/** Takes {@value #PROVIDER_MILLIS} ms to fail every call, like a provider that hangs, then errors. */
	private static final class SlowFailingEmbedder implements Embedder {

		private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

		@Override
		public List<float[]> embedDocuments(List<String> texts) {
			long start = System.nanoTime();
			try {
				Thread.sleep(PROVIDER_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.attempts.add(new Attempt(start, System.nanoTime(), System.currentTimeMillis()));
			throw new IllegalStateException("provider timed out");
		}

		@Override
		public int dimensions() {
			return 3;
		}

	}

}
