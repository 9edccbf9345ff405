package io.github.pgaispring.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstallation;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.HttpEmbedderOptions;
import io.github.pgaispring.embedding.RetryPolicy;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker serves a database that pgai itself prepared ({@code pgai install} and
 * {@code ai.create_vectorizer}, trimmed to what the worker touches, in {@code pgai-0.12.1-layout.sql}): the
 * installer leaves pgai's catalog alone, and the worker reads pgai's stored config, fills pgai's store
 * table, failed queue, error table and tracking tables.
 */
@PostgresTest
class PgaiCreatedCatalogCompatibilityTests {

	@Test
	void theWorkerProcessesAVectorizerThatPgaiCreated(DataSource dataSource) throws Exception {
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> request.inputs()
			.stream()
			.anyMatch((input) -> input.contains("POISON"))
					? EmbeddingProviderResponses.openAiError(400, "Invalid input", "invalid_request_error", null)
					: EmbeddingProviderResponses.openAi(request, 3))) {
			execute(dataSource, pgaiLayout(openAi.baseUrl() + "/v1"));
			assertThat(new CatalogInstaller(dataSource).install().outcome())
				.isEqualTo(CatalogInstallation.Outcome.PGAI_NATIVE);
			execute(dataSource, "insert into blog values (1, 'One', E'alpha\\n\\nbeta'), (2, 'Two', 'gamma'), "
					+ "(3, 'Three', 'POISON')");
			VectorizerWorker worker = worker(dataSource);

			worker.runOnce();
			execute(dataSource, "update blog set title = 'Uno' where id = 1", "delete from blog where id = 2");
			worker.runOnce();

			assertThat(rows(dataSource, "select id, chunk_seq, chunk, embedding::text from blog_embedding_store "
					+ "order by id, chunk_seq"))
				.containsExactly("1|0|Uno: alpha|[10,0.001,0.002]", "1|1|Uno: beta|[9,0.001,0.002]");
			assertThat(rows(dataSource, "select id, failure_step from ai._vectorizer_q_failed_1"))
				.containsExactly("3|embedding");
			assertThat(count(dataSource, "select count(*) from ai._vectorizer_q_1")).isZero();
			assertThat(rows(dataSource, "select distinct message from ai._vectorizer_errors where id = 1"))
				.containsExactly("embedding provider failed");
			assertThat(rows(dataSource, "select success_count, error_count > 0 from ai.vectorizer_worker_progress"))
				.containsExactly("3|t");
			assertThat(count(dataSource, "select count(*) from ai.vectorizer_worker_process")).isOne();
			assertThat(rows(dataSource, "select chunk, title from blog_embedding where id = 1 order by chunk_seq"))
				.containsExactly("Uno: alpha|Uno", "Uno: beta|Uno");
		}
	}

	private static VectorizerWorker worker(DataSource dataSource) {
		EmbedderFactory embedderFactory = EmbedderFactory.builder()
			.apiKeyResolver((name) -> "OPENAI_API_KEY".equals(name) ? "sk-test" : null)
			.httpOptions(HttpEmbedderOptions.defaults().withRetryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))
			.build();
		return new VectorizerWorker(dataSource, new ConfiguredPipelineFactory(embedderFactory, ZoneOffset.UTC),
				WorkerSettings.defaults()
					.withVectorizerNames(Set.of("public_blog_embedding_store"))
					.withRetries(1, Duration.ZERO, Duration.ZERO));
	}

	private static String pgaiLayout(String openAiBaseUrl) throws IOException {
		try (InputStream sql = PgaiCreatedCatalogCompatibilityTests.class.getResourceAsStream("pgai-0.12.1-layout.sql")) {
			return new String(sql.readAllBytes(), StandardCharsets.UTF_8).replace("{{openai_base_url}}", openAiBaseUrl);
		}
	}

}
