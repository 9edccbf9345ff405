package io.github.pgaispring.catalog;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingCustomConfig;
import io.github.pgaispring.sql.EmbeddingSpringAiConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's embedding functions for the starter's own implementations: {@code ai.embedding_spring_ai} (a
 * Spring AI {@code EmbeddingModel} bean) and {@code ai.embedding_custom} (an application's own
 * {@code EmbeddingProvider}), their checks, and {@code ai.create_vectorizer} accepting what they return while
 * still refusing a misspelt implementation.
 */
@PostgresTest
class EmbeddingProviderSqlTests {

	private static CatalogSql sql;

	private static DataSource dataSource;

	@BeforeAll
	static void installCatalog(DataSource database) {
		sql = CatalogSql.installedIn(database);
		dataSource = database;
		sql.execute("drop table if exists notes cascade", "create table notes (id int primary key, body text)");
	}

	@Test
	void springAiStoresTheModelLabelBeanAndDimensions() {
		assertThat(sql.string("select ai.embedding_spring_ai('text-embedding-3-small', 1536, bean => 'openAiEmbeddingModel')::text"))
			.isEqualTo(jsonb("{\"implementation\": \"spring_ai\", \"config_type\": \"embedding\", \"model\":"
					+ " \"text-embedding-3-small\", \"dimensions\": 1536, \"bean\": \"openAiEmbeddingModel\"}"));
		assertThat(sql.string("select ai.embedding_spring_ai(dimensions => 384)::text"))
			.isEqualTo(jsonb("{\"implementation\": \"spring_ai\", \"config_type\": \"embedding\", \"dimensions\": 384}"));
		assertThat(sql.failure("select ai.embedding_spring_ai('m')")).isEqualTo("dimensions argument is required\nHINT:"
				+ " pass the length of the vectors the EmbeddingModel bean returns, e.g. ai.embedding_spring_ai(dimensions"
				+ " => 1536)");
		assertThat(sql.failure("select ai.embedding_spring_ai(dimensions => 3, bean => ' ')"))
			.startsWith("bean must not be empty");
	}

	@Test
	void customStoresTheOptionsAsKeysWithTheMarker() {
		assertThat(sql.string("select ai.embedding_custom('cohere', 'embed-english-v3.0', 1024,"
				+ " '{\"input_type\": \"search_document\", \"truncate\": null}')::text"))
			.isEqualTo(jsonb("{\"implementation\": \"cohere\", \"config_type\": \"embedding\", \"model\":"
					+ " \"embed-english-v3.0\", \"dimensions\": 1024, \"input_type\": \"search_document\", \"truncate\":"
					+ " null, \"custom\": true}"));
		assertThat(sql.failure("select ai.embedding_custom('Cohere!', 'm', 3)")).startsWith(
				"invalid custom embedding implementation: \"Cohere!\"\nHINT: use the name your EmbeddingProvider bean claims");
		assertThat(sql.failure("select ai.embedding_custom('openai', 'm', 3)")).isEqualTo(
				"\"openai\" is an embedding implementation of the catalog, not a custom one\nHINT: use ai.embedding_openai(...)");
		assertThat(sql.failure("select ai.embedding_custom('cohere', 'm')")).startsWith("dimensions argument is required");
		assertThat(sql.failure("select ai.embedding_custom('cohere', 'm', 3, '{\"model\": \"x\"}')")).isEqualTo(
				"options must not contain \"model\"\nHINT: pass implementation, model and dimensions as the function's arguments");
		assertThat(sql.failure("select ai.embedding_custom('cohere', 'm', 3, '[1]')"))
			.isEqualTo("options must be a JSON object, not [1]");
	}

	@Test
	void createVectorizerAcceptsTheStartersImplementationsAndRefusesAMisspeltOne() throws Exception {
		sql.execute("select ai.drop_vectorizer(name, drop_all => true) from ai.vectorizer");
		int springAi = create(CreateVectorizer.source("notes").name("notes_spring_ai")
			.embedding(EmbeddingConfig.springAi(384).withBean("openAiEmbeddingModel")));
		int custom = create(CreateVectorizer.source("notes").name("notes_cohere")
			.destination(io.github.pgaispring.sql.DestinationConfig.table().withTargetTable("notes_cohere_store")
				.withViewName("notes_cohere"))
			.embedding(EmbeddingConfig.custom("cohere", "embed-english-light-v3.0", 384)
				.withOptions(Map.of("input_type", "search_document"))));

		VectorizerCatalog catalog = new VectorizerCatalog(dataSource);
		assertThat(catalog.findById(springAi).orElseThrow().config().embedding())
			.isEqualTo(new EmbeddingSpringAiConfig(null, 384, "openAiEmbeddingModel"));
		assertThat(catalog.findById(custom).orElseThrow().config().embedding()).isEqualTo(new EmbeddingCustomConfig(
				"cohere", "embed-english-light-v3.0", 384, Map.of("input_type", "search_document")));
		assertThat(sql.failure("select ai.create_vectorizer('notes'::regclass, name => 'notes_magic',"
				+ " loading => ai.loading_column('body'), chunking => ai.chunking_none(), embedding =>"
				+ " '{\"config_type\": \"embedding\", \"implementation\": \"cohere\", \"model\": \"m\", \"dimensions\": 3}')"))
			.isEqualTo("invalid embedding implementation: \"cohere\"\nHINT: use ai.embedding_openai, ai.embedding_ollama,"
					+ " ai.embedding_voyageai, ai.embedding_litellm, ai.embedding_onnx or ai.embedding_spring_ai, or"
					+ " ai.embedding_custom('<name>', ...) for an application's own EmbeddingProvider");
	}

	private static int create(CreateVectorizer create) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			return create.loading(LoadingConfig.column("body")).chunking(ChunkingConfig.none()).execute(connection);
		}
	}

	private static String jsonb(String json) {
		return sql.string("select ?::jsonb::text", json);
	}

}
