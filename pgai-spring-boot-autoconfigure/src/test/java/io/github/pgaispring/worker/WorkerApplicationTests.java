package io.github.pgaispring.worker;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone worker, {@link PgaiWorkerApplication}, in its own JVM: it embeds rows, and on SIGTERM it
 * lets its running batches commit and exits.
 */
@PostgresTest
class WorkerApplicationTests {

	@Test
	void embedsUntilSigtermThenCommitsItsRunningBatchesAndExits(FreshDatabase database) throws Exception {
		DataSource dataSource = database.dataSource();
		execute(dataSource, "create table standalone (id int primary key, body text)",
				"insert into standalone select i, 'row ' || i from generate_series(1, 60) i");
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3).delayedBy(700))) {
			Vectorizer vectorizer = vectorizer("public", "standalone").batchSize(10)
				.embedding(WorkerApplicationProcess.openAiEmbedding(openAi))
				.create(dataSource);
			try (WorkerApplicationProcess worker = WorkerApplicationProcess.start(database,
					"pgai.worker.vectorizers=" + vectorizer.name(), "pgai.worker.threads=2",
					"pgai.worker.poll-interval=100ms")) {
				worker.awaitUntil(Duration.ofSeconds(60),
						() -> count(dataSource, "select count(*) from standalone_embedding_store") >= 10
								&& WorkerApplicationProcess.batchesInFlight(dataSource) > 0);

				int exitCode = worker.terminate();

				assertThat(exitCode).as("128 + SIGTERM").isEqualTo(143);
				assertThat(worker.output()).contains("Vectorizer worker started with 2 thread(s)",
						"Vectorizer worker stopped");
				long stored = count(dataSource, "select count(*) from standalone_embedding_store");
				assertThat(stored).as("every batch sent to the provider was committed")
					.isEqualTo(10L * openAi.requests().size())
					.isLessThan(60);
				assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()))
					.isEqualTo(60 - stored);
				assertThat(WorkerApplicationProcess.connections(dataSource)).isZero();
			}
		}
	}

}
