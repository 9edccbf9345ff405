package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.pgvector.PGvector;
import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * End to end through the auto-configuration with the in-process ONNX model: a vectorizer declared in
 * {@code pgai.vectorizers}, the worker started by {@link PgaiWorkerAutoConfiguration}, and inserts, updates
 * and deletes on the source table reflected in the store within seconds.
 */
@PostgresTest
class WorkerAutoConfigurationOnnxTests {

	private static final String VECTORIZER = "pgai.vectorizers.notes_body.";

	@Test
	void theStoreFollowsInsertsUpdatesAndDeletesWithNormalisedMiniLmEmbeddings(FreshDatabase database) {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table notes (id int primary key, title text not null, body text)");
		runner(database).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(VectorizerWorkerLifecycle.class);
			jdbc.update("insert into notes values (1, 'Cats', ?), (2, 'Java', ?), (3, 'Bread', ?)",
					"Cats purr when they are content.\n\nThey sleep most of the day.",
					"Java compiles to JVM bytecode.", "Knead dough, let it rise.");
			awaitStore(jdbc, "1|0|Cats - Cats purr when they are content.", "1|1|Cats - They sleep most of the day.",
					"2|0|Java - Java compiles to JVM bytecode.", "3|0|Bread - Knead dough, let it rise.");

			jdbc.update("update notes set title = 'Kittens' where id = 1");
			jdbc.update("update notes set body = 'The JVM runs Kotlin too.' where id = 2");
			jdbc.update("delete from notes where id = 3");
			awaitStore(jdbc, "1|0|Kittens - Cats purr when they are content.",
					"1|1|Kittens - They sleep most of the day.", "2|0|Java - The JVM runs Kotlin too.");

			assertThat(jdbc.queryForObject("select count(*) from notes_embedding_store "
					+ "where vector_dims(embedding) <> 384 or abs(vector_norm(embedding) - 1) > 1e-4", Integer.class))
				.as("384-dimensional, L2-normalised vectors").isZero();
			Embedder embedder = declaredEmbedder(context.getBean(EmbedderFactory.class), jdbc);
			float[] stored = embedder.embedDocuments(List.of("Kittens - They sleep most of the day.")).get(0);
			assertThat(jdbc.queryForObject("select embedding <=> ? from notes_embedding_store where id = 1 "
					+ "and chunk_seq = 1", Double.class, new PGvector(stored)))
				.as("the formatted chunk is what was embedded").isCloseTo(0, within(1e-5));
			assertThat(nearestNote(jdbc, embedder.embedQuery("Which pet naps all afternoon?"))).isEqualTo(1);
			assertThat(nearestNote(jdbc, embedder.embedQuery("languages on the Java virtual machine"))).isEqualTo(2);

			OnnxScheduler.Usage usage = context.getBean(OnnxScheduler.class).usage();
			FunctionTimer documents = runs(context.getBean(MeterRegistry.class), "documents");
			FunctionTimer queries = runs(context.getBean(MeterRegistry.class), "queries");
			assertThat(documents.count()).as("the worker's chunks and the test's own").isEqualTo(usage.documentTexts())
				.isGreaterThanOrEqualTo(8);
			assertThat(queries.count()).isEqualTo(2);
			assertThat(queries.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		});
	}

	private static FunctionTimer runs(MeterRegistry registry, String workload) {
		return registry.get("pgai.onnx.runs").tag("workload", workload).functionTimer();
	}

	private static ApplicationContextRunner runner(FreshDatabase database) {
		return WorkerTestContexts.runner(database)
			.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
					VECTORIZER + "formatting.template=$title - $chunk", VECTORIZER + "chunking.chunk-size=40",
					VECTORIZER + "chunking.chunk-overlap=0", "pgai.worker.poll-interval=100ms");
	}

	private static void awaitStore(JdbcTemplate jdbc, String... chunks) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(jdbc.queryForList("select id || '|' || chunk_seq || '|' || chunk "
					+ "from notes_embedding_store order by id, chunk_seq", String.class)).containsExactly(chunks));
	}

	private static Embedder declaredEmbedder(EmbedderFactory factory, JdbcTemplate jdbc) {
		String config = jdbc.queryForObject("select config->>'embedding' from ai.vectorizer where name = 'notes_body'",
				String.class);
		return factory.create(EmbeddingConfig.fromJson(config));
	}

	private static int nearestNote(JdbcTemplate jdbc, float[] query) {
		return jdbc.queryForObject("select id from notes_embedding_store order by embedding <=> ? limit 1",
				Integer.class, new PGvector(query));
	}

}
