package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone worker, {@link PgaiWorkerApplication}, in its own JVM on the real catalog, embedding with
 * a slow OpenAI-compatible server in batches of 10: on SIGTERM it lets its running batches commit and exits;
 * killed with {@code kill -9} it loses nothing, because its open batch transactions roll back and their queue
 * entries come back for the next worker.
 */
@PostgresTest
class WorkerApplicationTests {

	@Test
	void sigtermLetsTheRunningBatchesCommitThenTheProcessExits(FreshDatabase database) throws Exception {
		DataSource dataSource = database.dataSource();
		try (EmbeddingTestServer openAi = slowOpenAi(700)) {
			Vectorizer vectorizer = backfill(dataSource, "graceful", 60, openAi);
			try (WorkerApplicationProcess worker = startMidBackfill(database, vectorizer, "graceful", 10)) {
				int exitCode = worker.terminate();

				assertThat(exitCode).as("128 + SIGTERM").isEqualTo(143);
				assertThat(worker.output()).contains("Vectorizer worker started with 2 thread(s)",
						"Vectorizer worker stopped");
				long stored = count(dataSource, "select count(*) from graceful_embedding_store");
				assertThat(stored).as("every batch sent to the provider was committed")
					.isEqualTo(10L * openAi.requests().size())
					.isLessThan(60);
				assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()))
					.isEqualTo(60 - stored);
				// the pool closed its connections before exiting; the server notices within moments
				await().atMost(Duration.ofSeconds(5)).until(() -> WorkerApplicationProcess.connections(dataSource) == 0);
			}
		}
	}

	@Test
	void aKilledWorkerLosesNoWorkAndARestartedWorkerFinishesIt(FreshDatabase database) throws Exception {
		DataSource dataSource = database.dataSource();
		try (EmbeddingTestServer openAi = slowOpenAi(300)) {
			Vectorizer vectorizer = backfill(dataSource, "crash", 150, openAi);
			try (WorkerApplicationProcess worker = startMidBackfill(database, vectorizer, "crash", 20)) {
				worker.kill();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> WorkerApplicationProcess.connections(dataSource) == 0);

			assertThat(count(dataSource, "select count(*) from crash_embedding_store")).as("killed mid-backfill")
				.isLessThan(150);
			assertThat(count(dataSource, "select count(*) from crash c where not exists (select 1 from "
					+ "crash_embedding_store s where s.id = c.id) and not exists (select 1 from "
					+ vectorizer.qualifiedQueue() + " q where q.id = c.id)"))
				.as("every row is embedded or still queued").isZero();
			assertThat(count(dataSource, "select success_count from ai.vectorizer_worker_progress where vectorizer_id = "
					+ vectorizer.id()))
				.as("the progress counter counts exactly the committed rows")
				.isEqualTo(count(dataSource, "select count(distinct id) from crash_embedding_store"));

			int requestsBeforeRestart = openAi.requests().size();
			VectorizerWorker restarted = new VectorizerWorker(dataSource, pipelineFactory(),
					WorkerSettings.defaults().withThreads(2).withPollInterval(Duration.ofMillis(100))
						.withVectorizerNames(Set.of(vectorizer.name())));
			restarted.start();
			try {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()) == 0
							&& count(dataSource, "select count(*) from crash_embedding_store") == 150);
			}
			finally {
				restarted.stop();
			}
			assertThat(count(dataSource, "select count(distinct id) from crash_embedding_store s join crash c "
					+ "using (id) where s.chunk = c.body and s.chunk_seq = 0")).isEqualTo(150);
			List<String> embeddedAfterRestart = openAi.requests()
				.subList(requestsBeforeRestart, openAi.requests().size())
				.stream()
				.flatMap((request) -> request.inputs().stream())
				.toList();
			assertThat(embeddedAfterRestart).doesNotHaveDuplicates();
		}
	}

	private static EmbeddingTestServer slowOpenAi(long delayMillis) throws Exception {
		return EmbeddingTestServer.start((request) -> EmbeddingProviderResponses.openAi(request, 3).delayedBy(delayMillis));
	}

	/** A table of {@code rows} rows and a vectorizer on it, with batches of 10, that embeds with the server. */
	private static Vectorizer backfill(DataSource dataSource, String table, int rows, EmbeddingTestServer openAi)
			throws SQLException {
		execute(dataSource, "create table " + table + " (id int primary key, body text)", "insert into " + table
				+ " select i, 'row ' || i from generate_series(1, " + rows + ") i");
		return vectorizer("public", table).batchSize(10)
			.embedding(WorkerApplicationProcess.openAiEmbedding(openAi))
			.create(dataSource);
	}

	/** Starts a worker process with 2 threads and waits until it stored some chunks and has a batch in flight. */
	private static WorkerApplicationProcess startMidBackfill(FreshDatabase database, Vectorizer vectorizer,
			String table, int storedAtLeast) throws Exception {
		DataSource dataSource = database.dataSource();
		WorkerApplicationProcess worker = WorkerApplicationProcess.start(database,
				"pgai.worker.vectorizers=" + vectorizer.name(), "pgai.worker.threads=2",
				"pgai.worker.poll-interval=100ms");
		// the bound includes the child process's start, which took 48 s and more than 60 s under a load average of 15
		worker.awaitUntil(Duration.ofMinutes(5),
				() -> count(dataSource, "select count(*) from " + table + "_embedding_store") >= storedAtLeast
						&& WorkerApplicationProcess.batchesInFlight(dataSource) > 0);
		return worker;
	}

	private static PipelineFactory pipelineFactory() {
		String keyName = WorkerApplicationProcess.API_KEY_NAME;
		EmbedderFactory embedderFactory = EmbedderFactory.builder()
			.apiKeyResolver((name) -> keyName.equals(name) ? WorkerApplicationProcess.API_KEY : null)
			.build();
		return new ConfiguredPipelineFactory(embedderFactory, ZoneOffset.UTC);
	}

}
