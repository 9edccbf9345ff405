package io.github.pgaispring.worker;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A standalone worker process ({@link PgaiWorkerApplication}) killed with {@code kill -9} in the middle of
 * batches loses nothing: its open batch transactions roll back, their queue entries come back, and a new
 * worker embeds every row exactly once.
 */
@PostgresTest
class WorkerCrashRecoveryTests {

	@Test
	void aKilledWorkerLosesNoWorkAndARestartedWorkerFinishesIt(FreshDatabase database) throws Exception {
		DataSource dataSource = database.dataSource();
		execute(dataSource, "create table crash (id int primary key, body text)",
				"insert into crash select i, 'row ' || i from generate_series(1, 150) i");
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3).delayedBy(300))) {
			Vectorizer vectorizer = vectorizer("public", "crash").batchSize(10)
				.embedding(WorkerApplicationProcess.openAiEmbedding(openAi))
				.create(dataSource);
			try (WorkerApplicationProcess worker = WorkerApplicationProcess.start(database,
					"pgai.worker.vectorizers=" + vectorizer.name(), "pgai.worker.threads=2",
					"pgai.worker.poll-interval=100ms")) {
				worker.awaitUntil(Duration.ofSeconds(60),
						() -> count(dataSource, "select count(*) from crash_embedding_store") >= 20
								&& WorkerApplicationProcess.batchesInFlight(dataSource) > 0);
				worker.kill();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> WorkerApplicationProcess.connections(dataSource) == 0);

			assertThat(count(dataSource, "select count(*) from crash_embedding_store")).as("killed mid-backfill")
				.isLessThan(150);
			assertThat(count(dataSource, "select count(*) from crash c where not exists (select 1 from "
					+ "crash_embedding_store s where s.id = c.id) and not exists (select 1 from "
					+ vectorizer.qualifiedQueue() + " q where q.id = c.id)"))
				.as("every row is embedded or still queued").isZero();

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

	private static PipelineFactory pipelineFactory() {
		String keyName = WorkerApplicationProcess.API_KEY_NAME;
		EmbedderFactory embedderFactory = EmbedderFactory.builder()
			.apiKeyResolver((name) -> keyName.equals(name) ? WorkerApplicationProcess.API_KEY : null)
			.build();
		return new ConfiguredPipelineFactory(embedderFactory, ZoneOffset.UTC);
	}

}
