package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.pgaispring.actuate.PgaiEndpoint;
import io.github.pgaispring.actuate.PgaiEndpoint.PgaiDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.RequeueDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.VectorizerDescriptor;
import io.github.pgaispring.actuate.PgaiHealthIndicator;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.progress.EmbeddingFailedException;
import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code pgai} endpoint and health contributor through their auto-configurations, against a test database
 * and a local server speaking OpenAI's API.
 */
@PostgresTest
class PgaiActuatorTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void theEndpointNeedsExposingAndTheHealthContributorCanBeSwitchedOff(FreshDatabase database) {
		WorkerTestContexts.runner(database)
			.withConfiguration(AutoConfigurations.of(PgaiEndpointAutoConfiguration.class,
					PgaiHealthContributorAutoConfiguration.class))
			.withPropertyValues("pgai.worker.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PgaiEndpoint.class)
				.hasSingleBean(PgaiHealthIndicator.class)
				.hasBean("pgaiHealthIndicator"));
		runner(database).withPropertyValues("pgai.worker.enabled=false", "management.health.pgai.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(PgaiEndpoint.class)
				.doesNotHaveBean(PgaiHealthIndicator.class));
	}

	@Test
	void listsVectorizersWithTheirFailuresAndRequeuesFailedRows(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "marked");
		AtomicBoolean rejectMarker = new AtomicBoolean(true);
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> (rejectMarker.get()
				&& request.inputs().stream().anyMatch((input) -> input.contains("MARKER")))
						? EmbeddingProviderResponses.openAiError(400, "Invalid input", "invalid_request_error", null)
						: EmbeddingProviderResponses.openAi(request, 3))) {
			runner(database).withPropertyValues(WorkerTestContexts.openAiVectorizer("marked", openAi.baseUrl(), "sk-m"))
				.withPropertyValues("pgai.worker.max-retries=0", "pgai.http.retry.max-attempts=1",
						"pgai.vectorizers.marked.processing.batch-size=1")
				.run((context) -> {
					PgaiEndpoint endpoint = context.getBean(PgaiEndpoint.class);
					VectorizerAwaiter awaiter = context.getBean(VectorizerAwaiter.class);
					jdbc.update("insert into marked values (1, 'one'), (2, 'MARKER'), (3, 'three')");
					assertThatExceptionOfType(EmbeddingFailedException.class)
						.isThrownBy(() -> awaiter.awaitEmbedded("marked", 2, WAIT));
					awaiter.awaitEmbedded("marked", WAIT);

					PgaiDescriptor status = endpoint.vectorizers();
					assertThat(status.catalogInstalled()).isTrue();
					assertThat(status.error()).isNull();
					VectorizerDescriptor marked = status.vectorizers().get("marked");
					assertThat(marked.source()).isEqualTo("public.marked");
					assertThat(marked.store()).isEqualTo("public.marked_embedding_store");
					assertThat(marked.embedding()).isEqualTo(
							new PgaiEndpoint.EmbeddingDescriptor("openai", "text-embedding-3-small", 3));
					assertThat(marked.disabled()).isFalse();
					assertThat(marked.pending()).isZero();
					assertThat(marked.failed()).isOne();
					assertThat(marked.errorsLastHour()).isOne();
					assertThat(marked.lastError().message()).isEqualTo("embedding provider failed");
					assertThat(marked.lastError().details()).containsEntry("failure_step", "embedding")
						.containsEntry("moved_to_failed_queue", 1);
					assertThat(marked.configurationError()).isNull();
					await().atMost(WAIT).untilAsserted(() -> assertThat(endpoint.vectorizer("marked").progress())
						.satisfies((progress) -> {
							assertThat(progress.successCount()).isEqualTo(2);
							assertThat(progress.errorCount()).isOne();
							assertThat(progress.lastErrorMessage()).contains("Invalid input");
						}));
					assertThat(status.workers()).filteredOn(PgaiEndpoint.WorkerDescriptor::thisApplication)
						.singleElement()
						.satisfies((worker) -> {
							assertThat(worker.alive()).isTrue();
							assertThat(worker.version()).startsWith("pgai-spring-boot ");
							assertThat(worker.expectedHeartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
						});
					assertThat(endpoint.vectorizer("unknown")).isNull();

					assertThatExceptionOfType(InvalidEndpointRequestException.class)
						.isThrownBy(() -> endpoint.requeueFailed("marked", "embeding"))
						.withMessage("Unknown failure step 'embeding'; use one of [loading, chunking, formatting, "
								+ "embedding, writing]");
					assertThatExceptionOfType(InvalidEndpointRequestException.class)
						.isThrownBy(() -> endpoint.requeueFailed("marks", null))
						.withMessageStartingWith("No vectorizer named 'marks'; known: [");
					assertThat(endpoint.requeueFailed("marked", "loading").requeued()).isZero();
					rejectMarker.set(false);
					RequeueDescriptor requeued = endpoint.requeueFailed("marked", "embedding");
					assertThat(requeued.requeued()).isOne();
					assertThat(requeued.failed()).isZero();
					awaiter.awaitEmbedded("marked", 2, WAIT);
					assertThat(jdbc.queryForObject("select chunk from marked_embedding_store where id = 2",
							String.class)).isEqualTo("MARKER");
				});
		}
	}

	@Test
	void showsTheBacklogTheWorkerIsWorkingOffWithItsEta(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "backlog");
		jdbc.update("insert into backlog select i, 'row ' || i from generate_series(1, 8) i");
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3).delayedBy(250))) {
			runner(database).withPropertyValues(WorkerTestContexts.openAiVectorizer("backlog", openAi.baseUrl(), "sk-b"))
				.withPropertyValues("pgai.vectorizers.backlog.processing.batch-size=1")
				.run((context) -> {
					PgaiEndpoint endpoint = context.getBean(PgaiEndpoint.class);
					await().atMost(WAIT).untilAsserted(() -> assertThat(endpoint.vectorizer("backlog").backlog())
						.isNotNull()
						.satisfies((backlog) -> {
							assertThat(backlog.embedded()).isBetween(2L, 6L);
							assertThat(backlog.pending()).isEqualTo(8 - backlog.embedded());
							assertThat(backlog.percent()).isEqualTo((int) (backlog.embedded() * 100 / 8));
							assertThat(backlog.rowsPerSecond()).isPositive();
							assertThat(backlog.eta()).isPositive();
						}));
					context.getBean(VectorizerAwaiter.class).awaitEmbedded("backlog", WAIT);
					await().atMost(WAIT).until(() -> endpoint.vectorizer("backlog").backlog() == null);
					assertThat(endpoint.vectorizer("backlog").pending()).isZero();
				});
		}
	}

	@Test
	void healthIsUpWithQueueDetailsAndDownWhileClaimsFail(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "claims");
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3))) {
			runner(database).withPropertyValues(WorkerTestContexts.openAiVectorizer("claims", openAi.baseUrl(), "sk-c"))
				.run((context) -> {
					PgaiHealthIndicator health = context.getBean(PgaiHealthIndicator.class);
					await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP));
					Health up = health.health();
					assertThat(up.getDetails()).containsEntry("vectorizers",
							Map.of("claims", Map.of("pending", 0L, "failed", 0L)));
					assertThat((Map<String, Object>) up.getDetails().get("worker")).containsKeys("id", "lastHeartbeat")
						.containsEntry("failedBatchesInARow", 0);

					String queue = jdbc.queryForObject("select format('%I.%I', queue_schema, queue_table) "
							+ "from ai.vectorizer where name = 'claims'", String.class);
					jdbc.execute("create function refuse_claims() returns trigger language plpgsql as "
							+ "$$ begin raise exception 'claims refused by test'; end $$");
					jdbc.execute("create trigger refuse_claims before delete on " + queue
							+ " for each statement execute function refuse_claims()");
					jdbc.update("insert into claims values (1, 'one')");
					await().atMost(WAIT).untilAsserted(() -> {
						Health down = health.health();
						assertThat(down.getStatus()).isEqualTo(Status.DOWN);
						assertThat((String) down.getDetails().get("reason")).startsWith("The worker's last ")
							.contains("batches were rolled back (rows stay queued)", "claims refused by test");
						assertThat(down.getDetails()).containsEntry("vectorizers",
								Map.of("claims", Map.of("pending", 1L, "failed", 0L)));
					});

					jdbc.execute("drop trigger refuse_claims on " + queue);
					context.getBean(VectorizerAwaiter.class).awaitEmbedded("claims", 1, WAIT);
					await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP));
				});
		}
	}

	@Test
	void healthIsDownWhenRowsAreQueuedAndNoWorkerIsAlive(FreshDatabase database) {
		JdbcTemplate jdbc = table(database, "orphans");
		runner(database)
			.withPropertyValues(WorkerTestContexts.openAiVectorizer("orphans", "http://127.0.0.1:9", "sk-o"))
			.withPropertyValues("pgai.worker.enabled=false")
			.run((context) -> {
				PgaiHealthIndicator health = context.getBean(PgaiHealthIndicator.class);
				jdbc.update("delete from ai.vectorizer_worker_process");
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				jdbc.update("insert into orphans values (1, 'one')");
				Health down = health.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) down.getDetails().get("reason")).startsWith(
						"Rows are queued, but no worker sent a heartbeat to ai.vectorizer_worker_process within two of "
								+ "its intervals");
				assertThat(down.getDetails()).doesNotContainKey("worker");
				jdbc.update("insert into ai.vectorizer_worker_process (version, expected_heartbeat_interval) "
						+ "values ('another instance', interval '30 seconds')");
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void healthIsDownWithoutTheCatalog(FreshDatabase database) {
		new JdbcTemplate(database.dataSource()).execute("drop schema if exists ai cascade");
		runner(database).withPropertyValues("pgai.catalog.install=false", "pgai.worker.enabled=false")
			.run((context) -> {
				Health health = context.getBean(PgaiHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "The database has no ai catalog (no table "
						+ "ai.vectorizer): let the starter install it (pgai.catalog.install=true) or run pgai's installer");
				assertThat(context.getBean(PgaiEndpoint.class).vectorizers().catalogInstalled()).isFalse();
			});
	}

	@Test
	void healthIsDownAtOnceWhileTheDatabaseRefusesConnections() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					PgaiWorkerAutoConfiguration.class, PgaiHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/pgai",
					"spring.datasource.username=pgai", "spring.datasource.password=pgai", "pgai.worker.enabled=false")
			.run((context) -> {
				Health health = context.getBean(PgaiHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).startsWith("Cannot read the ai catalog: ")
					.contains("Connection to 127.0.0.1:" + closedPort + " refused");
				assertThat(health.getDetails()).containsKey("error");
			});
	}

	@Test
	void healthAnswersWithinItsTimeoutWhenTheDatabaseGoesAwayAndIsUpWhenItIsBack(FreshDatabase database) {
		table(database, "away");
		URI server = URI.create(database.url().substring("jdbc:".length()));
		try (TcpProxy proxy = TcpProxy.to(server.getHost(), server.getPort())) {
			runner(database).withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port()
					+ server.getPath(), "pgai.health.timeout=1s")
				.run((context) -> {
					PgaiHealthIndicator indicator = context.getBean(PgaiHealthIndicator.class);
					await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));

					proxy.cut();
					String timedOut = "The database did not answer within PT1S (pgai.health.timeout); is it down?";
					Health health;
					int check = 0;
					do {
						check++;
						long started = System.nanoTime();
						health = indicator.health();
						Duration took = Duration.ofNanos(System.nanoTime() - started);
						assertThat(health.getStatus()).as("check %d", check).isEqualTo(Status.DOWN);
						assertThat(took).as("check %d", check).isLessThan(Duration.ofMillis(2500));
					}
					while (!timedOut.equals(health.getDetails().get("reason")) && check < 30);
					assertThat(health.getDetails())
						.as("once the pool's broken connections are evicted, getting a new one hangs")
						.containsEntry("reason", timedOut);

					proxy.restore();
					await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
						.until(() -> indicator.health().getStatus().equals(Status.UP));
				});
		}
	}

	/** Creates the table after dropping the vectorizers of the class's earlier tests, so that only its own count. */
	private static JdbcTemplate table(FreshDatabase database, String table) {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("do $$ begin if to_regclass('ai.vectorizer') is not null then "
				+ "perform ai.drop_vectorizer(id, drop_all => true) from ai.vectorizer; end if; end $$");
		jdbc.execute("create table " + table + " (id int primary key, body text)");
		return jdbc;
	}

	private static ApplicationContextRunner runner(FreshDatabase database) {
		return WorkerTestContexts.runner(database)
			.withConfiguration(AutoConfigurations.of(PgaiEndpointAutoConfiguration.class,
					PgaiHealthContributorAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=pgai");
	}

}
