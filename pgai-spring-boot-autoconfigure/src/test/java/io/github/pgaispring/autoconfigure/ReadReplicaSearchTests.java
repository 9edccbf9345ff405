package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pgaispring.autoconfigure.jpafixtures.NoteApplication;
import io.github.pgaispring.autoconfigure.jpafixtures.NoteBodyEmbedding;
import io.github.pgaispring.autoconfigure.jpafixtures.NoteSearch;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.testsupport.PrivateCluster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Searches served by a streaming replica while the worker writes to the primary, the way docs/scaling.md
 * describes it: the application's {@code DataSource} is a {@link LazyConnectionDataSourceProxy} over the primary
 * with the replica as its read-only data source, so read-only transactions (the searches) run on the replica and
 * the others (writes) on the primary; the starter (catalog, vectorizers, worker) uses the primary's pool itself,
 * qualified with {@link PgaiDataSource}. Against a private primary and a standby started from its base backup.
 */
class ReadReplicaSearchTests {

	private static final int DIMENSIONS = 384;

	@Test
	void repositorySearchesInReadOnlyTransactionsAreAnsweredByTheReplicaWhileTheWorkerWritesToThePrimary()
			throws Exception {
		try (PrivateCluster primary = PrivateCluster.start();
				EmbeddingTestServer openAi = EmbeddingTestServer
					.start((request) -> EmbeddingProviderResponses.openAi(request, DIMENSIONS))) {
			DataSource primaryDatabase = primary.createDatabase("app");
			JdbcTemplate onPrimary = new JdbcTemplate(primaryDatabase);
			onPrimary.execute("create table notes (id bigint primary key, body text)");
			try (PrivateCluster standby = primary.startStandby()) {
				JdbcTemplate onReplica = new JdbcTemplate(standby.dataSource("app"));
				new ApplicationContextRunner().withUserConfiguration(NoteApplication.class, ReplicaRouting.class)
					.withPropertyValues("app.primary-url=" + primary.url("app"), "app.replica-url=" + standby.url("app"),
							"pgai.vectorizers.notes_body.source=notes", "pgai.vectorizers.notes_body.loading.column=body",
							"pgai.vectorizers.notes_body.embedding.provider=openai",
							"pgai.vectorizers.notes_body.embedding.model=text-embedding-3-small",
							"pgai.vectorizers.notes_body.embedding.dimensions=" + DIMENSIONS,
							"pgai.vectorizers.notes_body.embedding.api-key-name=TEST_OPENAI_KEY",
							"pgai.vectorizers.notes_body.embedding.base-url=" + openAi.baseUrl() + "/v1",
							"TEST_OPENAI_KEY=sk-test-replica", "pgai.worker.poll-interval=100ms",
							"spring.liquibase.enabled=false", "spring.flyway.enabled=false")
					.run((context) -> {
						assertThat(context).hasNotFailed();
						onPrimary.update("insert into notes values (1, 'cats purr'), (2, 'dogs bark')");
						await().atMost(Duration.ofSeconds(30)).until(() -> onReplica
							.queryForObject("select count(*) from notes_embedding_store", Long.class) == 2);

						TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
						readOnly.setReadOnly(true);
						JdbcTemplate application = new JdbcTemplate(context.getBean(DataSource.class));
						float[] query = onPrimary.queryForObject(
								"select embedding::text from notes_embedding_store where id = 1", String.class)
							.replaceAll("[\\[\\]]", "")
							.transform(ReadReplicaSearchTests::floats);
						Map<String, Object> answered = readOnly.execute((status) -> {
							List<NoteBodyEmbedding> nearest = context.getBean(NoteSearch.class)
								.findNearestByCosine(query, Limit.of(1));
							assertThat(nearest).singleElement()
								.satisfies((embedding) -> assertThat(embedding.getChunk()).isEqualTo("cats purr"));
							return application.queryForMap(
									"select pg_is_in_recovery() as replica, inet_server_port() as port");
						});
						assertThat(answered).as("the search's transaction ran on the standby")
							.containsEntry("replica", true)
							.containsEntry("port", standby.port());
						assertThat(application.queryForMap("select pg_is_in_recovery() as replica, inet_server_port() as port"))
							.as("outside read-only transactions: the primary")
							.containsEntry("replica", false)
							.containsEntry("port", primary.port());
						assertThat(onPrimary.queryForObject("select count(*) from ai.vectorizer_worker_process",
								Long.class)).as("the worker registered on the primary").isPositive();
					});
			}
		}
	}

	private static float[] floats(String commaSeparated) {
		String[] parts = commaSeparated.split(",");
		float[] values = new float[parts.length];
		for (int i = 0; i < parts.length; i++) {
			values[i] = Float.parseFloat(parts[i]);
		}
		return values;
	}

	/** The application's data sources, as docs/scaling.md shows them. */
	@Configuration(proxyBeanMethods = false)
	static class ReplicaRouting {

		@Bean(defaultCandidate = false)
		@PgaiDataSource
		HikariDataSource primaryDataSource(Environment environment) {
			return hikari(environment.getRequiredProperty("app.primary-url"), "primary");
		}

		@Bean(defaultCandidate = false)
		HikariDataSource replicaDataSource(Environment environment) {
			return hikari(environment.getRequiredProperty("app.replica-url"), "replica");
		}

		@Bean
		@Primary
		DataSource dataSource(@Qualifier("primaryDataSource") DataSource primary,
				@Qualifier("replicaDataSource") DataSource replica) {
			LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(primary);
			routing.setReadOnlyDataSource(replica);
			return routing;
		}

		private static HikariDataSource hikari(String url, String name) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(url);
			dataSource.setUsername("postgres");
			dataSource.setPoolName(name);
			return dataSource;
		}

	}

}
