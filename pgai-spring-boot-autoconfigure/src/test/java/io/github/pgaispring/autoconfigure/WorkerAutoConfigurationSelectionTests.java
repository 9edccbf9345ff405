package io.github.pgaispring.autoconfigure;

import java.time.Duration;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which worker {@link PgaiWorkerAutoConfiguration} runs: none with {@code pgai.worker.enabled=false}, and
 * one that processes only the vectorizers named in {@code pgai.worker.vectorizers}, and the
 * {@code pgai.worker.batch-size} override.
 */
@PostgresTest
class WorkerAutoConfigurationSelectionTests {

	private JdbcTemplate jdbc;

	private ApplicationContextRunner runner;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists first_docs, second_docs, first_docs_embedding_store, "
				+ "second_docs_embedding_store cascade");
		this.jdbc.execute("create table first_docs (id int primary key, body text)");
		this.jdbc.execute("create table second_docs (id int primary key, body text)");
		this.jdbc.execute("insert into first_docs values (1, 'first')");
		this.jdbc.execute("insert into second_docs values (1, 'second')");
		this.runner = WorkerTestContexts.runner(database)
			.withPropertyValues("pgai.vectorizers.first.source=first_docs", "pgai.vectorizers.first.loading.column=body",
					"pgai.vectorizers.second.source=second_docs", "pgai.vectorizers.second.loading.column=body",
					"pgai.worker.poll-interval=100ms");
	}

	@Test
	void aDisabledWorkerLeavesTheQueuesAloneButTheRequeueApiStays() {
		this.runner.withPropertyValues("pgai.worker.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(VectorizerWorkerLifecycle.class)
				.hasSingleBean(EmbedderFactory.class)
				.hasSingleBean(VectorizerQueues.class);
			await().pollDelay(Duration.ofMillis(500)).until(() -> true);
			assertThat(queued("first")).isOne();
			assertThat(queued("second")).isOne();
		});
	}

	@Test
	void onlyTheSelectedVectorizersAreProcessedAndMeasured() {
		this.runner.withPropertyValues("pgai.worker.vectorizers=first")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(VectorizerWorkerLifecycle.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc
					.queryForObject("select count(*) from first_docs_embedding_store", Integer.class) == 1);
				await().pollDelay(Duration.ofMillis(500)).until(() -> true);
				assertThat(queued("first")).isZero();
				assertThat(queued("second")).isOne();
				assertThat(this.jdbc.queryForObject("select count(*) from second_docs_embedding_store", Integer.class))
					.isZero();
				assertThat(context.getBean(MeterRegistry.class).get("pgai.vectorizer.rows").tags("vectorizer", "first")
					.counter()
					.count()).isOne();
			});
	}

	@Test
	void theBatchSizePropertyOverridesEveryVectorizersBatchSize() {
		this.jdbc.execute("insert into first_docs values (2, 'two'), (3, 'three')");
		this.runner.withPropertyValues("pgai.worker.vectorizers=first", "pgai.worker.batch-size=1")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc
					.queryForObject("select count(*) from first_docs_embedding_store", Integer.class) == 3);
				double calls = context.getBean(MeterRegistry.class)
					.get("pgai.vectorizer.embedding.calls")
					.tags("vectorizer", "first")
					.counter()
					.count();
				assertThat(calls).as("one embedding call per row instead of one for the batch of 50").isEqualTo(3);
			});
	}

	@Test
	void withoutMicrometerTheWorkerRunsUnmeasured() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(VectorizerWorkerLifecycle.class)
				.doesNotHaveBean(WorkerMetrics.class));
	}

	private int queued(String vectorizer) {
		return this.jdbc.queryForObject("select ai.vectorizer_queue_pending(?, true)", Integer.class, vectorizer);
	}

}
