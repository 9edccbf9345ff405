package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.example.embedding.CohereEmbeddingConfiguration;
import io.github.pgaispring.autoconfigure.jpafixtures.NoteApplication;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProvider;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.OllamaEmbeddingProvider;
import io.github.pgaispring.embedding.OnnxEmbeddingProvider;
import io.github.pgaispring.embedding.OpenAiEmbeddingProvider;
import io.github.pgaispring.repository.EmbedderResolver;
import io.github.pgaispring.repository.EmbeddingStoreTable;
import io.github.pgaispring.repository.VectorizerEmbedderResolver;
import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingCustomConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.PipelineFactory;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Embedding providers declared as beans, in an application with every auto-configuration and the real worker
 * on a real database: the documented Cohere provider ({@link CohereEmbeddingConfiguration}) embeds a
 * vectorizer's rows and its text queries against a local server speaking Cohere's API, with no starter bean
 * replaced; an implementation no provider claims is recorded with the registered ones; two providers for one
 * implementation fail the startup.
 */
@PostgresTest
class EmbeddingProviderAutoConfigurationTests {

	private static final String COHERE_KEY = "co-test-7d41b2";

	private JdbcTemplate jdbc;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists notes, notes_embedding_store cascade");
		this.jdbc.execute("create table notes (id bigint primary key, body text)");
		new CatalogInstaller(database.dataSource()).install();
	}

	@Test
	void aProviderBeanEmbedsTheRowsAndQueriesOfItsVectorizerWithNoStarterBeanReplaced(FreshDatabase database)
			throws IOException, SQLException {
		try (EmbeddingTestServer server = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.cohere(request, 384))) {
			int id = createNotesVectorizer(database);
			storeEmbedding(id, "{\"implementation\": \"cohere\", \"config_type\": \"embedding\", \"model\": "
					+ "\"embed-english-light-v3.0\", \"dimensions\": 384, \"base_url\": \"" + server.baseUrl() + "\"}");
			this.jdbc.update("insert into notes values (1, 'Cats sleep a lot.'), (2, 'Dogs like walks.')");

			application(database).run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(EmbedderFactory.class)
					.hasSingleBean(OpenAiEmbeddingProvider.class)
					.hasSingleBean(OllamaEmbeddingProvider.class)
					.hasSingleBean(OnnxEmbeddingProvider.class)
					.hasSingleBean(VectorizerEmbedderResolver.class)
					.getBean(PipelineFactory.class)
					.isInstanceOf(ConfiguredPipelineFactory.class);
				assertThat(context.getBeansOfType(EmbeddingProvider.class)).hasSize(6);
				assertThat(context.getBean(EmbedderFactory.class).implementations())
					.containsExactly("cohere", "openai", "ollama", "voyageai", "onnx", "spring_ai", "litellm");
				await().atMost(Duration.ofSeconds(20))
					.until(() -> this.jdbc.queryForObject("select count(*) from notes_embedding_store",
							Integer.class) == 2);
				assertThat(this.jdbc.queryForList("select chunk || ' ' || (embedding::real[])[1] from "
						+ "notes_embedding_store order by id", String.class))
					.containsExactly("Cats sleep a lot. 17", "Dogs like walks. 16");

				EmbeddingStoreTable store = EmbeddingStoreTable.all(context.getBean(EntityManagerFactory.class)).get(0);
				float[] query = context.getBean(EmbedderResolver.class).resolve(store).embedQuery("sleepy cats");
				assertThat(query).hasSize(384).startsWith(11f);
			});

			assertThat(server.requests()).allSatisfy((request) -> {
				assertThat(request.path()).isEqualTo("/v2/embed");
				assertThat(request.header("Authorization")).isEqualTo("Bearer " + COHERE_KEY);
				assertThat(request.body().path("model").stringValue()).isEqualTo("embed-english-light-v3.0");
			});
			assertThat(server.requests()).extracting((request) -> request.body().path("input_type").stringValue())
				.as("the worker embeds documents, the repository the query").endsWith("search_query")
				.contains("search_document");
		}
	}

	@Test
	void aVectorizerDeclaredInYmlForAProviderOfTheApplicationIsCreatedWithEmbeddingCustom(FreshDatabase database)
			throws IOException {
		try (EmbeddingTestServer server = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.cohere(request, 384))) {
			this.jdbc.update("insert into notes values (1, 'Cats sleep a lot.')");
			String vectorizer = "pgai.vectorizers.notes_body.";
			application(database).withPropertyValues(vectorizer + "source=notes", vectorizer + "loading.column=body",
					vectorizer + "chunking.splitter=none", vectorizer + "embedding.provider=custom",
					vectorizer + "embedding.implementation=cohere", vectorizer + "embedding.model=embed-english-light-v3.0",
					vectorizer + "embedding.dimensions=384", vectorizer + "embedding.options.base_url=" + server.baseUrl())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					await().atMost(Duration.ofSeconds(20))
						.until(() -> this.jdbc.queryForObject("select count(*) from notes_embedding_store",
								Integer.class) == 1);
					assertThat(this.jdbc.queryForObject("select ((config->'embedding') - 'base_url')::text from ai.vectorizer",
							String.class))
						.isEqualTo(this.jdbc.queryForObject("select ?::jsonb::text", String.class,
								"{\"implementation\": \"cohere\", \"config_type\": \"embedding\", \"model\":"
										+ " \"embed-english-light-v3.0\", \"dimensions\": 384, \"custom\": true}"));
				});
			assertThat(server.requests()).isNotEmpty()
				.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/v2/embed"));
		}
	}

	@Test
	void anImplementationNoProviderClaimsIsRecordedWithTheRegisteredOnes(FreshDatabase database) throws SQLException {
		int id = createNotesVectorizer(database);
		storeEmbedding(id, "{\"implementation\": \"gemini\", \"config_type\": \"embedding\", \"model\": "
				+ "\"text-embedding-004\", \"dimensions\": 384}");
		this.jdbc.update("insert into notes values (1, 'Cats sleep a lot.')");

		application(database).run((context) -> {
			assertThat(context).hasNotFailed();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.queryForObject("select count(*) from ai._vectorizer_errors", Integer.class) > 0);
			assertThat(this.jdbc.queryForList("select details->>'error_reason' from ai._vectorizer_errors",
					String.class))
				.singleElement()
				.satisfies((reason) -> assertThat(reason).contains(
						"Unknown embedding implementation 'gemini'; use cohere, openai, ollama, voyageai, onnx, spring_ai"
								+ " or litellm, or declare an"
								+ " EmbeddingProvider bean that serves 'gemini'"));
			assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_" + id, Integer.class))
				.as("the row stays queued for a provider").isOne();
		});
	}

	@Test
	void twoProvidersForOneImplementationFailTheStartupNamingBoth(FreshDatabase database) {
		application(database).withUserConfiguration(SecondCohereProvider.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Embedding implementation 'cohere' is claimed by several providers")
				.hasMessageContaining("second cohere provider"));
	}

	private ApplicationContextRunner application(FreshDatabase database) {
		return new ApplicationContextRunner().withUserConfiguration(NoteApplication.class, CohereEmbeddingConfiguration.class)
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues("COHERE_API_KEY=" + COHERE_KEY, "pgai.worker.poll-interval=100ms",
					"spring.jpa.hibernate.ddl-auto=validate", "spring.liquibase.enabled=false",
					"spring.flyway.enabled=false");
	}

	/**
	 * The notes vectorizer, created with a known implementation because the catalog's {@code create_vectorizer}
	 * validates the embedding against the implementations it knows.
	 */
	private static int createNotesVectorizer(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			return CreateVectorizer.source("notes")
				.name("notes_body")
				.loading(LoadingConfig.column("body"))
				.embedding(EmbeddingConfig.onnx())
				.chunking(ChunkingConfig.none())
				.execute(connection);
		}
	}

	private void storeEmbedding(int id, String embedding) {
		this.jdbc.update("update ai.vectorizer set config = jsonb_set(config, '{embedding}', ?::jsonb) where id = ?",
				embedding, id);
	}

	@Configuration(proxyBeanMethods = false)
	static class SecondCohereProvider {

		@Bean
		EmbeddingProvider<EmbeddingCustomConfig> secondCohereProvider() {
			return new EmbeddingProvider<>() {

				@Override
				public String implementation() {
					return "cohere";
				}

				@Override
				public Class<EmbeddingCustomConfig> configType() {
					return EmbeddingCustomConfig.class;
				}

				@Override
				public Embedder createEmbedder(EmbeddingCustomConfig config) {
					throw new IllegalStateException("not used");
				}

				@Override
				public String toString() {
					return "second cohere provider";
				}

			};
		}

	}

}
