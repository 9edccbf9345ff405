package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;

import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.observation.BatchObservationContext;
import io.github.pgaispring.observation.BatchObservationConvention;
import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's batches as {@code pgai.worker.batch} observations with their embedding calls as child
 * {@code pgai.embedding} observations, in the application's {@code ObservationRegistry}.
 */
@PostgresTest
class WorkerObservationTests {

	@Test
	void batchesAndTheirEmbeddingCallsAreObserved(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table traced (id int primary key, body text)");
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3))) {
			WorkerTestContexts.runner(database)
				.withPropertyValues(WorkerTestContexts.openAiVectorizer("traced", openAi.baseUrl(), "sk-traced"))
				.withBean(TestObservationRegistry.class, () -> registry)
				.run((context) -> {
					jdbc.update("insert into traced values (1, 'one'), (2, 'two'), (3, 'three')");
					context.getBean(VectorizerAwaiter.class).awaitEmbedded("traced", Duration.ofSeconds(15));
					await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry)
						.hasAnObservation((observation) -> observation.hasNameEqualTo("pgai.worker.batch")
							.hasLowCardinalityKeyValue("pgai.batch.status", "empty")));

					assertThat(registry).hasAnObservation((observation) -> observation
						.hasNameEqualTo("pgai.worker.batch")
						.hasContextualNameEqualTo("pgai batch traced")
						.hasLowCardinalityKeyValue("pgai.vectorizer", "traced")
						.hasLowCardinalityKeyValue("pgai.batch.status", "processed")
						.hasHighCardinalityKeyValue("pgai.batch.rows", "3")
						.hasHighCardinalityKeyValue("pgai.batch.chunks", "3")
						.hasHighCardinalityKeyValue("pgai.batch.failed.rows", "0")
						.doesNotHaveError());
					assertThat(registry).hasNumberOfObservationsWithNameEqualTo("pgai.embedding", 1)
						.hasObservationWithNameEqualTo("pgai.embedding")
						.that()
						.hasContextualNameEqualTo("pgai embed openai")
						.hasLowCardinalityKeyValue("pgai.vectorizer", "traced")
						.hasLowCardinalityKeyValue("pgai.embedding.provider", "openai")
						.hasLowCardinalityKeyValue("pgai.embedding.model", "text-embedding-3-small")
						.hasLowCardinalityKeyValue("pgai.embedding.input.type", "document")
						.hasHighCardinalityKeyValue("pgai.embedding.texts", "3")
						.hasParentObservationContextMatching(BatchObservationContext.class::isInstance);
				});
		}
	}

	@Test
	void anApplicationConventionNamesTheBatches(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table renamed (id int primary key, body text)");
		TestObservationRegistry registry = TestObservationRegistry.create();
		BatchObservationConvention convention = new BatchObservationConvention() {

			@Override
			public String getName() {
				return "embedding.batch";
			}

		};
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3))) {
			WorkerTestContexts.runner(database)
				.withPropertyValues(WorkerTestContexts.openAiVectorizer("renamed", openAi.baseUrl(), "sk-renamed"))
				.withBean(TestObservationRegistry.class, () -> registry)
				.withBean(BatchObservationConvention.class, () -> convention)
				.run((context) -> {
					jdbc.update("insert into renamed values (1, 'one')");
					context.getBean(VectorizerAwaiter.class).awaitEmbedded("renamed", Duration.ofSeconds(15));
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("embedding.batch"));
					assertThat(registry).hasNumberOfObservationsWithNameEqualTo("pgai.worker.batch", 0);
				});
		}
	}

}
