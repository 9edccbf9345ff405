package io.github.pgaispring.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pgaispring.autoconfigure.VectorizerWorkerLifecycle;
import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changing the sample's template without downtime: while an application instance with the current definition
 * answers searches in a loop, another instance (a child JVM) starts with a new template and
 * {@code on-change: migrate}, which builds the new store beside the current one; that instance is killed with
 * SIGKILL in the middle of the backfill, a new one resumes the migration, and its worker switches to the new
 * store. No search fails or comes back empty on the way; afterwards every chunk has the new format and the old
 * store is gone.
 */
@PostgresTest
class VectorizerMigrationTests {

	private static final Duration WAIT = Duration.ofSeconds(360);

	private static final int EXTRA_POSTS = 200;

	private static final String VECTORIZER = "pgai.vectorizers.blog_posts_content.";

	private static final ParameterizedTypeReference<List<Map<String, Object>>> HITS = new ParameterizedTypeReference<>() {
	};

	@Test
	void aNewTemplateIsMigratedToWhileSearchesKeepAnsweringAndAKilledWorkerResumesIt(FreshDatabase database)
			throws Exception {
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		try (ConfigurableApplicationContext serving = new SpringApplicationBuilder(BlogApplication.class)
			.run(arguments(database))) {
			jdbc.sql("insert into blog_posts (title, content) select 'Extra ' || i, 'Extra post ' || i"
					+ " || ' on vectors, indexes and PostgreSQL queries.' from generate_series(1, " + EXTRA_POSTS + ") i")
				.update();
			serving.getBean(VectorizerAwaiter.class).awaitEmbedded(WAIT);
			// this instance only answers searches from now on; the new store is built by the other instances
			serving.getBean(VectorizerWorkerLifecycle.class).getWorker().stop();
			long posts = jdbc.sql("select count(*) from blog_posts").query(Long.class).single();
			assertThat(chunksWithTemplate(jdbc, "blog_posts_embedding_store", " - ")).isPositive();

			try (SearchLoop searches = new SearchLoop(serving)) {
				try (SampleApplicationProcess first = SampleApplicationProcess.start(database, newTemplate())) {
					awaitOrFail(first, () -> count(jdbc, "ai.pgai_spring_vectorizer_migration") == 1
							&& count(jdbc, "blog_posts_embedding_store_next") >= 30);
					first.kill();
				}
				assertThat(count(jdbc, "ai.pgai_spring_vectorizer_migration")).as("the kill came before the switch")
					.isOne();
				long embeddedBeforeTheKill = jdbc.sql("select count(distinct id) from blog_posts_embedding_store_next")
					.query(Long.class).single();
				assertThat(embeddedBeforeTheKill).isLessThan(posts);
				searches.awaitMore(10);

				try (SampleApplicationProcess second = SampleApplicationProcess.start(database, newTemplate())) {
					awaitOrFail(second, () -> second.output().contains("Vectorizer 'blog_posts_content' switched to its new store"));
					assertThat(second.output()).contains("Vectorizer 'blog_posts_content': migration to the declared"
							+ " definition in progress");
					assertThat(count(jdbc, "ai.pgai_spring_vectorizer_migration")).isZero();
					searches.awaitMore(10);
					second.terminate();
				}
				searches.stop();
				assertThat(searches.failure.get()).as("a search that failed or came back empty").isNull();
				assertThat(searches.answered.get()).isGreaterThan(20);
			}

			assertThat(jdbc.sql("select count(distinct id) from blog_posts_embedding_store").query(Long.class).single())
				.isEqualTo(posts);
			assertThat(chunksWithTemplate(jdbc, "blog_posts_embedding_store", " - ")).as("chunks of the old template")
				.isZero();
			assertThat(chunksWithTemplate(jdbc, "blog_posts_embedding_store", ": "))
				.isEqualTo(count(jdbc, "blog_posts_embedding_store"));
			assertThat(jdbc.sql("select to_regclass('blog_posts_embedding_store_next') is null"
					+ " and to_regclass('blog_posts_embedding_next') is null").query(Boolean.class).single()).isTrue();
			assertThat(jdbc.sql("select name from ai.vectorizer").query(String.class).list())
				.containsExactly("blog_posts_content");
			assertThat(jdbc.sql("select config #>> '{formatting,template}' from ai.vectorizer").query(String.class)
				.single()).isEqualTo("$title: $chunk");
			assertThat(count(jdbc, "ai._vectorizer_q_1")).isZero();
		}
	}

	private static String[] arguments(FreshDatabase database) {
		return new String[] { "--server.port=0", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password() };
	}

	/** The new definition, embedded one post per batch so that the backfill takes long enough to be killed. */
	private static String[] newTemplate() {
		return new String[] { VECTORIZER + "formatting.template=$title: $chunk", VECTORIZER + "on-change=migrate",
				"pgai.worker.batch-size=1", "pgai.worker.poll-interval=200ms" };
	}

	private static long chunksWithTemplate(JdbcClient jdbc, String store, String separator) {
		return jdbc.sql("select count(*) from " + store + " s join blog_posts p on p.id = s.id"
				+ " where starts_with(s.chunk, p.title || ?)").param(separator).query(Long.class).single();
	}

	private static long count(JdbcClient jdbc, String table) {
		if (!jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single()) {
			return -1;
		}
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static void awaitOrFail(SampleApplicationProcess process, java.util.concurrent.Callable<Boolean> condition)
			throws Exception {
		try {
			await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(ex.getMessage() + " Output of the sample process:\n" + process.output(), ex);
		}
	}

	/** Searches the serving instance over HTTP in a loop; the first failed or empty answer is kept. */
	private static final class SearchLoop implements AutoCloseable {

		private static final String[] QUERIES = { "vector indexes", "PostgreSQL queries", "embedding models",
				"full text search" };

		private final AtomicInteger answered = new AtomicInteger();

		private final AtomicReference<String> failure = new AtomicReference<>();

		private final Thread thread;

		private volatile boolean running = true;

		SearchLoop(ConfigurableApplicationContext application) {
			RestClient http = RestClient.builder()
				.baseUrl("http://localhost:" + application.getEnvironment().getProperty("local.server.port"))
				.defaultStatusHandler((status) -> true, (request, response) -> {
				})
				.build();
			this.thread = new Thread(() -> {
				for (int i = 0; this.running; i++) {
					String query = QUERIES[i % QUERIES.length];
					try {
						ResponseEntity<List<Map<String, Object>>> response = http.get()
							.uri("/api/posts/search?q={q}", query)
							.retrieve()
							.toEntity(HITS);
						if (!response.getStatusCode().is2xxSuccessful() || response.getBody() == null
								|| response.getBody().isEmpty()) {
							this.failure.compareAndSet(null, "search '" + query + "': " + response.getStatusCode() + " "
									+ response.getBody());
						}
						this.answered.incrementAndGet();
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						return;
					}
					catch (RuntimeException ex) {
						this.failure.compareAndSet(null, "search '" + query + "': " + ex);
					}
				}
			}, "search-loop");
			this.thread.start();
		}

		void awaitMore(int searches) {
			int target = this.answered.get() + searches;
			await().atMost(WAIT).until(() -> this.answered.get() >= target);
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join(10_000);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
