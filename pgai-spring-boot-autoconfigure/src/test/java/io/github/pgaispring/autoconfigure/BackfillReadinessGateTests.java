package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.progress.BackfillReadinessGate;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pgai.readiness.wait-for-backfill}: a real Spring Boot application whose readiness stays
 * {@code REFUSING_TRAFFIC} until the rows queued at startup are embedded by a local server that answers only when
 * the test lets it.
 */
@PostgresTest
class BackfillReadinessGateTests {

	@Test
	void refusesTrafficUntilTheRowsQueuedAtStartupAreEmbedded(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "gated");
		jdbc.update("insert into gated select i, 'row ' || i from generate_series(1, 3) i");
		CountDownLatch answer = new CountDownLatch(1);
		try (EmbeddingTestServer openAi = answeringAfter(answer);
				ConfigurableApplicationContext context = start(database, openAi, "gated",
						"pgai.readiness.wait-for-backfill=true")) {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
			assertThat(jdbc.queryForObject("select count(*) from gated_embedding_store", Integer.class)).isZero();

			answer.countDown();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(jdbc.queryForObject("select count(*) from gated_embedding_store", Integer.class)).isEqualTo(3);
			assertThat(availability.getLastChangeEvent(ReadinessState.class).getSource())
				.isInstanceOf(BackfillReadinessGate.class);
		}
	}

	@Test
	void acceptsTrafficAtOnceWhenNothingIsQueued(FreshDatabase database) throws IOException {
		table(database, "empty");
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
				ConfigurableApplicationContext context = start(database, openAi, "empty",
						"pgai.readiness.wait-for-backfill=true")) {
			assertThat(context.getBean(BackfillReadinessGate.class)).isNotNull();
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	@Test
	void withoutThePropertyReadinessDoesNotWaitForEmbeddings(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "ungated");
		jdbc.update("insert into ungated values (1, 'one')");
		CountDownLatch answer = new CountDownLatch(1);
		try (EmbeddingTestServer openAi = answeringAfter(answer);
				ConfigurableApplicationContext context = start(database, openAi, "ungated")) {
			assertThat(context.getBeansOfType(BackfillReadinessGate.class)).isEmpty();
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			answer.countDown();
		}
	}

	private static ConfigurableApplicationContext start(FreshDatabase database, EmbeddingTestServer openAi,
			String table, String... properties) {
		return new SpringApplicationBuilder(GatedApplication.class).web(WebApplicationType.NONE)
			.properties(Stream
				.of(database.springPropertyValues(), WorkerTestContexts.openAiVectorizer(table, openAi.baseUrl(), "sk-g"),
						properties)
				.flatMap(Stream::of)
				.toArray(String[]::new))
			.run();
	}

	private static JdbcTemplate table(FreshDatabase database, String table) {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table " + table + " (id int primary key, body text)");
		return jdbc;
	}

	/** A server speaking OpenAI's API that answers once the latch is released (30 s at the most). */
	private static EmbeddingTestServer answeringAfter(CountDownLatch answer) throws IOException {
		return EmbeddingTestServer.start((request) -> {
			try {
				answer.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return EmbeddingProviderResponses.openAi(request, 3);
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
			PgaiCatalogAutoConfiguration.class, PgaiVectorizersAutoConfiguration.class,
			PgaiWorkerAutoConfiguration.class })
	static class GatedApplication {

	}

}
