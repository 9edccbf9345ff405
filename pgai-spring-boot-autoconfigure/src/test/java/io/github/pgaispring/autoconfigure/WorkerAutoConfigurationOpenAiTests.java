package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.observation.ClientRequestObservationContext;
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
						+ "from ai.vectorizer_errors where name = 'flaky'", String.class))
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
								Integer.class) == 1
								&& jdbc.queryForObject("select count(*) from " + vectorizer.qualifiedQueue(),
										Integer.class) == 0);

					assertThat(jdbc.queryForList("select id from marked_embedding_store order by id", Integer.class))
						.containsExactly(1, 2, 4, 5);
					assertThat(jdbc.queryForList("select id || '|' || failure_step from "
							+ vectorizer.qualifiedFailedQueue(), String.class)).containsExactly("3|embedding");
					assertThat(jdbc.queryForObject("select count(*) from " + vectorizer.qualifiedQueue(), Integer.class))
						.isZero();
					assertThat(openAi.requests().stream().filter(WorkerAutoConfigurationOpenAiTests::hasMarker))
						.as("refused for its content: the attempt in a batch of 5, then one retry alone").hasSize(2);
					assertThat(jdbc.queryForList("select message || '|' || (details->>'error_reason') || '|' "
							+ "|| (details->>'hint') from ai.vectorizer_errors where name = 'marked' and (details->>'moved_to_failed_queue')::int = 1",
							String.class))
						.singleElement()
						.satisfies((error) -> assertThat(error).startsWith("embedding provider failed|OpenAI rejected the "
								+ "embeddings request for model 'text-embedding-3-small'").contains("HTTP 400",
										"Invalid input from Bearer ***", "went to ai._vectorizer_q_failed_", " at once",
										"in SQL (with moved as (delete from \"ai\".\"_vectorizer_q_failed_",
										"VectorizerQueues.requeueFailed(vectorizer, FailureStep.EMBEDDING)"));
					assertThat(rowsContaining(jdbc, API_KEY)).as("tables that contain the API key").isEmpty();

					rejectMarker.set(false);
					assertThat(context.getBean(VectorizerQueues.class).requeueFailed(vectorizer)).isOne();
					await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
						.queryForObject("select count(*) from marked_embedding_store", Integer.class) == 5);
				});
		}
	}

	@Test
	void aRejectedApiKeyParksTheRowsAtOnceWithTheFixInTheHint(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table keyed (id int primary key, body text)");
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> EmbeddingProviderResponses
			.openAiError(401, "Incorrect API key provided: sk-test-***2d. You can find your API key at"
					+ " https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"))) {
			runner(database, openAi, "keyed").run((context) -> {
				Vectorizer vectorizer = context.getBean(VectorizerCatalog.class).findByName("keyed").orElseThrow();
				long started = System.nanoTime();
				jdbc.update("insert into keyed select i, 'row ' || i from generate_series(1, 5) i");
				await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
						"select count(*) from " + vectorizer.qualifiedFailedQueue(), Integer.class) == 5);

				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("instead of 6 retries over ~10 minutes")
					.isLessThan(Duration.ofSeconds(10));
				assertThat(openAi.requests()).as("one request for the batch, no retries").hasSize(1);
				assertThat(jdbc.queryForObject("select count(*) from " + vectorizer.qualifiedQueue(), Integer.class))
					.isZero();
				assertThat(jdbc.queryForList("select (details->>'retrying') || '|' || (details->>'moved_to_failed_queue')"
						+ " || '|' || (details->>'error_reason') || '|' || (details->>'hint') from ai.vectorizer_errors where name = 'keyed'",
						String.class))
					.singleElement()
					.satisfies((error) -> assertThat(error).startsWith("0|5|OpenAI rejected the embeddings request")
						.contains("HTTP 401 Unauthorized: Incorrect API key provided",
								"Check the API key in the environment variable or Spring property 'TEST_OPENAI_KEY'",
								"went to ai._vectorizer_q_failed_" + vectorizer.id() + " at once",
								"in SQL (with moved as (delete from \"ai\".\"_vectorizer_q_failed_" + vectorizer.id()
										+ "\" where failure_step = 'embedding' returning \"id\") insert into \"ai\".\"_vectorizer_q_"
										+ vectorizer.id() + "\" (\"id\") select \"id\" from moved)",
								"or with VectorizerQueues.requeueFailed(vectorizer, FailureStep.EMBEDDING)"));
			});
		}
	}

	@Test
	void anUnreadableAnswerIsRecordedWithoutJacksonsInternals(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table garbled (id int primary key, body text)");
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> Reply.json(
				"{\"object\":\"list\",\"data\":{\"index\":0,\"embedding\":[1,2,3]},\"model\":\"m\"}"))) {
			runner(database, openAi, "garbled").withPropertyValues("pgai.http.retry.max-attempts=1").run((context) -> {
				jdbc.update("insert into garbled values (1, 'hello')");
				await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
					.queryForObject("select count(*) from ai.vectorizer_errors where name = 'garbled'", Integer.class) > 0);

				String reason = jdbc.queryForObject("select details->>'error_reason' from ai.vectorizer_errors where name = 'garbled'"
						+ " order by recorded limit 1", String.class);
				assertThat(reason).contains("answered the embeddings request", "with a body it could not read at data (",
						"check that the base URL points at the OpenAI API")
					.doesNotContain("reference chain", "OpenAiEmbedder", "EmbeddingsResponse", "io.github", "caused by");
				assertThat(jdbc.queryForObject("select details->>'retrying' from ai.vectorizer_errors where name = 'garbled' order by recorded"
						+ " limit 1", String.class)).as("a provider fault is retried").isEqualTo("1");
			});
		}
	}

	@Test
	void callsGoThroughSpringBootsRestClientBuilderAndHttpClientSettings(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table booted (id int primary key, body text)");
		List<String> intercepted = new CopyOnWriteArrayList<>();
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ClientRequestObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context.getName() + " " + ((ClientRequestObservationContext) context).getCarrier().getURI());
			}

		});
		RestClientCustomizer customizer = (builder) -> builder.observationRegistry(observations)
			.requestInterceptor((request, body, execution) -> {
				intercepted.add(request.getMethod() + " " + request.getURI().getPath());
				return execution.execute(request, body);
			});
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3))) {
			runner(database, openAi, "booted")
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
				.withBean(RestClientCustomizer.class, () -> customizer)
				.withBean(SimpleMeterRegistry.class)
				.withPropertyValues("spring.http.clients.imperative.factory=simple")
				.run((context) -> {
					jdbc.update("insert into booted select i, 'row ' || i from generate_series(1, 3) i");
					await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
						.queryForObject("select count(*) from booted_embedding_store", Integer.class) == 3);

					assertThat(intercepted).as("the application's RestClientCustomizer").isNotEmpty()
						.allSatisfy((call) -> assertThat(call).isEqualTo("POST /v1/embeddings"));
					assertThat(observed).as("http.client.requests observations").hasSameSizeAs(intercepted)
						.allSatisfy((observation) -> assertThat(observation)
							.isEqualTo("http.client.requests " + openAi.baseUrl() + "/v1/embeddings"));
					assertThat(openAi.requests()).allSatisfy((request) -> assertThat(request.header("User-Agent"))
						.as("spring.http.clients.imperative.factory=simple: HttpURLConnection, not the JDK HttpClient")
						.startsWith("Java/"));
					assertThat(context.getBean(SimpleMeterRegistry.class)
						.get("pgai.embedding.tokens")
						.tags("vectorizer", "booted", "provider", "openai", "model", "text-embedding-3-small")
						.counter()
						.count()).as("usage.total_tokens of the responses").isEqualTo(3);
				});
		}
	}

	@Test
	void thePgaiReadTimeoutAppliesOverSpringBootsRequestFactory(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table slow (id int primary key, body text)");
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3).delayedBy(2000))) {
			runner(database, openAi, "slow")
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
				.withPropertyValues("spring.http.clients.read-timeout=30s", "pgai.http.read-timeout=300ms",
						"pgai.http.retry.max-attempts=1")
				.run((context) -> {
					jdbc.update("insert into slow values (1, 'hello')");
					await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
						.queryForObject("select count(*) from ai.vectorizer_errors where name = 'slow'", Integer.class) > 0);

					assertThat(jdbc.queryForObject("select details->>'error_reason' from ai.vectorizer_errors where name = 'slow'",
							String.class)).contains("within the read timeout of 300 ms");
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
