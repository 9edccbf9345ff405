package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.EmbeddingTestServer.RecordedRequest;
import io.github.pgaispring.embedding.EmbeddingTestServer.Reply;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.VectorizerQueues;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end through the auto-configuration with a local server that speaks OpenAI's {@code /embeddings}
 * API: the vectorizer's {@code base_url} points at it and the API key comes from the Spring property that
 * {@code api_key_name} names. Transient failures are retried; rows that keep failing end in the failed
 * queue without holding up the others; the API key never reaches the database.
 */
@PostgresTest
class WorkerAutoConfigurationOpenAiTests {

	private static final String API_KEY = "sk-test-3f9a1c7e5b2d";

	@Test
	void transientFailuresAreRetriedUntilTheRowIsEmbedded(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table flaky (id int primary key, body text)");
		AtomicInteger requests = new AtomicInteger();
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> switch (requests.incrementAndGet()) {
			case 1, 2 -> EmbeddingProviderResponses.openAiError(500,
					"The server had an error while processing your request. Sorry about that!", "server_error", null);
			case 3 -> EmbeddingProviderResponses.openAiError(429, "Rate limit reached for text-embedding-3-small "
					+ "on requests per min (RPM): Limit 3000, Used 3000, Requested 1.", "requests", "rate_limit_exceeded");
			default -> EmbeddingProviderResponses.openAi(request, 3);
		})) {
			runner(database, openAi, "flaky").withPropertyValues("pgai.http.retry.max-attempts=2").run((context) -> {
				assertThat(context).hasNotFailed();
				jdbc.update("insert into flaky values (1, 'hello')");
				await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
					.queryForList("select chunk || ' ' || embedding::text from flaky_embedding_store", String.class)
					.equals(List.of("hello [5,0.001,0.002]")));

				assertThat(openAi.requests()).hasSize(4).allSatisfy((request) -> {
					assertThat(request.path()).isEqualTo("/v1/embeddings");
					assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
					assertThat(request.body().path("model").stringValue()).isEqualTo("text-embedding-3-small");
					assertThat(request.body().path("dimensions").intValue()).isEqualTo(3);
				});
				assertThat(jdbc.queryForList("select details->>'retrying' || '|' || (details->>'error_reason') "
						+ "from ai._vectorizer_errors", String.class))
					.as("two 500s used up the call's 2 attempts; the worker retried the row").singleElement()
					.satisfies((error) -> assertThat(error).startsWith("1|").contains("failed after 2 attempt(s)",
							"HTTP 500", "The server had an error"));
			});
		}
	}

	@Test
	void aRowThatKeepsFailingEndsInTheFailedQueueWhileTheOthersAreEmbedded(FreshDatabase database)
			throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table marked (id int primary key, body text)");
		AtomicBoolean rejectMarker = new AtomicBoolean(true);
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> (rejectMarker.get()
				&& hasMarker(request)) ? rejection(request) : EmbeddingProviderResponses.openAi(request, 3))) {
			runner(database, openAi, "marked")
				.withPropertyValues("pgai.http.retry.max-attempts=1", "pgai.worker.max-retries=2")
				.run((context) -> {
					Vectorizer vectorizer = context.getBean(VectorizerCatalog.class).findByName("marked").orElseThrow();
					jdbc.update("insert into marked select i, case i when 3 then 'MARKER ' else 'row ' end || i "
							+ "from generate_series(1, 5) i");
					await().atMost(Duration.ofSeconds(10))
						.until(() -> jdbc.queryForObject("select count(*) from " + vectorizer.qualifiedFailedQueue(),
								Integer.class) == 1);

					assertThat(jdbc.queryForList("select id from marked_embedding_store order by id", Integer.class))
						.containsExactly(1, 2, 4, 5);
					assertThat(jdbc.queryForList("select id || '|' || failure_step from "
							+ vectorizer.qualifiedFailedQueue(), String.class)).containsExactly("3|embedding");
					assertThat(jdbc.queryForObject("select count(*) from " + vectorizer.qualifiedQueue(), Integer.class))
						.isZero();
					assertThat(openAi.requests().stream().filter(WorkerAutoConfigurationOpenAiTests::hasMarker))
						.as("the first attempt in a batch of 5, then 2 retries alone").hasSize(3);
					assertThat(jdbc.queryForList("select message || '|' || (details->>'error_reason') || '|' "
							+ "|| (details->>'hint') from ai._vectorizer_errors where (details->>'moved_to_failed_queue')::int = 1",
							String.class))
						.singleElement()
						.satisfies((error) -> assertThat(error).startsWith("embedding provider failed|OpenAI rejected the "
								+ "embeddings request for model 'text-embedding-3-small'").contains("HTTP 400",
										"Invalid input from Bearer ***", "retried 2 times", "requeueFailed"));
					assertThat(rowsContaining(jdbc, API_KEY)).as("tables that contain the API key").isEmpty();

					rejectMarker.set(false);
					assertThat(context.getBean(VectorizerQueues.class).requeueFailed(vectorizer)).isOne();
					await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
						.queryForObject("select count(*) from marked_embedding_store", Integer.class) == 5);
				});
		}
	}

	private static ApplicationContextRunner runner(FreshDatabase database, EmbeddingTestServer openAi, String table) {
		return WorkerTestContexts.runner(database)
			.withPropertyValues(WorkerTestContexts.openAiVectorizer(table, openAi.baseUrl(), API_KEY));
	}

	/** OpenAI's answer to an input it refuses; this one quotes the caller's Authorization header. */
	private static Reply rejection(RecordedRequest request) {
		return EmbeddingProviderResponses.openAiError(400, "Invalid input from " + request.header("Authorization"),
				"invalid_request_error", null);
	}

	private static boolean hasMarker(RecordedRequest request) {
		return request.inputs().stream().anyMatch((input) -> input.contains("MARKER"));
	}

	/** The tables and views of the {@code ai} and {@code public} schemas with a row whose text contains the value. */
	private static List<String> rowsContaining(JdbcTemplate jdbc, String value) {
		return jdbc.queryForList("select table_schema || '.' || table_name from information_schema.tables "
				+ "where table_schema in ('ai', 'public')", String.class)
			.stream()
			.filter((table) -> jdbc.queryForObject("select count(*) from " + table + " t where t::text like ?",
					Integer.class, "%" + value + "%") > 0)
			.toList();
	}

}
