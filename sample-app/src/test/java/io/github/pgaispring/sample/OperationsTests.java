package io.github.pgaispring.sample;

import java.time.Duration;
import java.util.Map;

import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.testsupport.PrivateCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's operations endpoints over HTTP, on a PostgreSQL cluster of the test's own that the test stops and
 * starts under the running application: {@code /actuator/pgai} with a post that failed for real and is requeued
 * through the endpoint, {@code /actuator/health} with its {@code pgai} component, readiness after the backfill, and
 * health DOWN (within seconds) while the database is stopped and UP again after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTests {

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static PrivateCluster cluster;

	private static ConfigurableApplicationContext application;

	private static RestClient http;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startTheSampleOnAClusterOfItsOwn() {
		cluster = PrivateCluster.start();
		jdbc = JdbcClient.create(cluster.createDatabase("blog"));
		// arguments, so that they win over application.yml
		application = new SpringApplicationBuilder(BlogApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + cluster.url("blog"), "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--pgai.worker.max-retries=0", "--pgai.worker.poll-interval=200ms");
		assertThat(application.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(cluster.url("blog"));
		http = RestClient.builder()
			.baseUrl("http://localhost:" + application.getEnvironment().getProperty("local.server.port"))
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		application.getBean(VectorizerAwaiter.class).awaitEmbedded(WAIT);
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void readinessAndHealthAreUpOnceTheSamplePostsAreEmbedded() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode()
				.is2xxSuccessful());
		ResponseEntity<Map<String, Object>> health = http.get().uri("/actuator/health/pgai").retrieve().toEntity(MAP);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).containsEntry("status", "UP");
		assertThat(details(health.getBody())).containsEntry("vectorizers",
				Map.of("blog_posts_content", Map.of("pending", 0, "failed", 0)));
	}

	@Test
	@Order(2)
	void thePgaiEndpointShowsAFailedPostAndItsRequeueEmbedsItAgain() {
		jdbc.sql("alter table blog_posts_embedding_store add constraint no_reject check (chunk not like '%REJECT-ME%')")
			.update();
		long id = ((Number) http.post()
			.uri("/api/posts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Rejected for now", "content", "The store refuses REJECT-ME until the check goes."))
			.retrieve()
			.body(MAP)
			.get("id")).longValue();
		await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) vectorizer().get("failed")).intValue() == 1);
		Map<String, Object> failed = vectorizer();
		assertThat(failed).containsEntry("pending", 0).containsEntry("failed", 1);
		assertThat(((Number) failed.get("errorsLastHour")).intValue()).isOne();
		assertThat((Map<String, Object>) failed.get("lastError")).containsEntry("message", "writing embeddings failed")
			.extractingByKey("details")
			.asString()
			.contains("failure_step=writing", "no_reject");
		assertThat((Iterable<Map<String, Object>>) http.get().uri("/actuator/pgai").retrieve().body(MAP).get("workers"))
			.anySatisfy((worker) -> assertThat(worker).containsEntry("thisApplication", true)
				.containsEntry("alive", true));

		jdbc.sql("alter table blog_posts_embedding_store drop constraint no_reject").update();
		ResponseEntity<Map<String, Object>> requeued = http.post()
			.uri("/actuator/pgai/blog_posts_content")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("step", "writing"))
			.retrieve()
			.toEntity(MAP);
		assertThat(requeued.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(requeued.getBody()).containsEntry("vectorizer", "blog_posts_content")
			.containsEntry("requeued", 1)
			.containsEntry("failed", 0);
		application.getBean(VectorizerAwaiter.class).awaitEmbedded("blog_posts_content", id, Duration.ofSeconds(30));
		assertThat(jdbc.sql("select count(*) from blog_posts_embedding_store where id = ?").param(id).query(Long.class)
			.single()).isPositive();
		assertThat(vectorizer()).containsEntry("failed", 0);
		assertThat(http.post().uri("/actuator/pgai/no_such_vectorizer").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of()).retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	@Order(3)
	void healthIsDownWithinSecondsWhileTheDatabaseIsStoppedAndUpAgainAfter() {
		cluster.stopServer();
		try {
			for (int check = 1; check <= 3; check++) {
				long started = System.nanoTime();
				ResponseEntity<Map<String, Object>> health = http.get().uri("/actuator/health").retrieve().toEntity(MAP);
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				assertThat(health.getStatusCode()).as("check %d", check).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(health.getBody()).containsEntry("status", "DOWN");
				assertThat(component(health.getBody(), "pgai")).containsEntry("status", "DOWN");
				assertThat(took).as("check %d", check).isLessThan(Duration.ofSeconds(4));
			}
		}
		finally {
			cluster.startServer();
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
			.until(() -> http.get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode()
				.is2xxSuccessful());
		assertThat(component(http.get().uri("/actuator/health").retrieve().body(MAP), "pgai")).containsEntry("status",
				"UP");
	}

	private static Map<String, Object> vectorizer() {
		Map<String, Object> pgai = http.get().uri("/actuator/pgai/blog_posts_content").retrieve().body(MAP);
		assertThat(pgai).isNotNull();
		return pgai;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health, String name) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Map<String, Object> health) {
		return (Map<String, Object>) health.get("details");
	}

}
