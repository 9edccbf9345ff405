package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java builders against the starter's real {@code ai} catalog: the seed's Python example translated to
 * Java creates the objects and the stored configuration pgai would, and every config part the builders
 * render is read back identically from what the server stores.
 */
@PostgresTest
class CreateVectorizerCatalogTests {

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void installCatalog(FreshDatabase database) {
		new CatalogInstaller(database.dataSource()).install();
		jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table blog (id int primary key, title text not null, content text not null, published date)");
		jdbc.execute("insert into blog values (1, 'First', 'Hello. World.', '2024-01-02')");
	}

	@Test
	void seedExampleCreatesPgaisObjectsAndStoredConfig(FreshDatabase database) throws SQLException {
		int id;
		try (Connection connection = database.connect()) {
			id = CreateVectorizer.source("blog")
				.destination(DestinationConfig.table().withTargetTable("blog_embeddings"))
				.embedding(EmbeddingConfig.openai("text-embedding-3-small", 768))
				.chunking(ChunkingConfig.characterTextSplitter(800, 400)
					.withChunkColumn("content")
					.withSeparator(".")
					.withSeparatorRegex(false))
				.formatting(FormattingConfig.pythonTemplate("$title - $chunk"))
				.execute(connection);
		}
		assertThat(jdbc.queryForList("select column_name || ' ' || data_type from information_schema.columns"
				+ " where table_name = 'blog_embeddings' order by ordinal_position", String.class))
			.containsExactly("embedding_uuid uuid", "id integer", "chunk_seq integer", "chunk text",
					"embedding USER-DEFINED");
		assertThat(jdbc.queryForObject("select format_type(atttypid, atttypmod) from pg_attribute"
				+ " where attrelid = 'blog_embeddings'::regclass and attname = 'embedding'", String.class))
			.isEqualTo("vector(768)");
		assertThat(jdbc.queryForObject("select to_regclass('public.blog_embedding') is not null"
				+ " and to_regclass('ai._vectorizer_q_" + id + "') is not null"
				+ " and to_regclass('ai._vectorizer_q_failed_" + id + "') is not null", Boolean.class))
			.as("view, queue and failed queue")
			.isTrue();
		assertThat(jdbc.queryForObject("select count(*) from ai._vectorizer_q_" + id, Integer.class))
			.as("existing rows queued").isEqualTo(1);
		JsonNode config = JsonMapper.shared()
			.readTree(jdbc.queryForObject("select config::text from ai.vectorizer where id = ?", String.class, id));
		assertThat(jdbc.queryForObject("select name from ai.vectorizer where id = ?", String.class, id))
			.isEqualTo("public_blog_embeddings");
		assertThat(config.path("loading")).isEqualTo(JsonMapper.shared().readTree("""
				{"retries":6,"config_type":"loading","column_name":"content","implementation":"column"}"""));
		assertThat(config.path("embedding")).isEqualTo(JsonMapper.shared().readTree("""
				{"model":"text-embedding-3-small","dimensions":768,"config_type":"embedding",
				 "api_key_name":"OPENAI_API_KEY","implementation":"openai"}"""));
		assertThat(config.path("chunking")).isEqualTo(JsonMapper.shared().readTree("""
				{"separator":".","chunk_size":800,"config_type":"chunking","chunk_overlap":400,
				 "implementation":"character_text_splitter","is_separator_regex":false}"""));
		assertThat(config.path("formatting")).isEqualTo(JsonMapper.shared().readTree("""
				{"template":"$title - $chunk","config_type":"formatting","implementation":"python_template"}"""));
		assertThat(config.path("destination")).isEqualTo(JsonMapper.shared().readTree("""
				{"implementation":"table","config_type":"destination","target_schema":"public",
				 "target_table":"blog_embeddings","view_schema":"public","view_name":"blog_embedding"}"""));
		try (Connection connection = database.connect()) {
			DropVectorizer.name("public_blog_embeddings").dropAll(true).execute(connection);
		}
		assertThat(jdbc.queryForObject("select to_regclass('public.blog_embeddings') is null", Boolean.class)).isTrue();
	}

	static List<VectorizerConfigPart> parts() {
		return List.of(LoadingConfig.column("content").withRetries(3), ParsingConfig.none(),
				EmbeddingConfig.openai("text-embedding-3-small", 768)
					.withChatUser("me")
					.withApiKeyName("MY_KEY")
					.withBaseUrl("http://localhost:1234/v1"),
				EmbeddingConfig.ollama("nomic-embed-text", 768)
					.withBaseUrl("http://localhost:11434")
					.withOptions(Map.of("num_ctx", 2048))
					.withKeepAlive("5m"),
				EmbeddingConfig.voyageai("voyage-3", 1024).withInputType("document").withApiKeyName("VOYAGE_API_KEY"),
				EmbeddingConfig.litellm("cohere/embed", 1024).withExtraOptions(Map.of("k", "v")),
				EmbeddingConfig.onnx("bge-small-en-v1.5", 384),
				ChunkingConfig.characterTextSplitter(500, 50).withSeparator("\n").withSeparatorRegex(true),
				ChunkingConfig.recursiveCharacterTextSplitter(300, 30).withSeparators("\n\n", ". ", "").withSeparatorRegex(false),
				ChunkingConfig.none(), FormattingConfig.pythonTemplate("$title: $chunk"), FormattingConfig.chunkValue(),
				DestinationConfig.column("body_embedding"),
				IndexingConfig.hnsw().withMinRows(10).withOpclass("vector_l2_ops").withM(16).withEfConstruction(64)
					.withCreateWhenQueueEmpty(false),
				IndexingConfig.none(), SchedulingConfig.none(), ProcessingConfig.defaults().withBatchSize(10),
				SchedulingConfig.timescaledb(Duration.ofDays(1).plusSeconds(5)).withTimezone("UTC"));
	}

	@ParameterizedTest
	@MethodSource("parts")
	void configPartsReadBackFromWhatTheServerStores(VectorizerConfigPart part) {
		if (part instanceof SchedulingConfig && !(part instanceof SchedulingNoneConfig)) {
			assertThat(jdbc.queryForObject("select (" + part.toSql() + ")->>'implementation'", String.class))
				.isEqualTo("timescaledb");
			return;
		}
		String key = jdbc.queryForObject("select (" + part.toSql() + ")->>'config_type'", String.class);
		String stored = jdbc.queryForObject("select (jsonb_build_object('loading', ai.loading_column('content'),"
				+ " 'embedding', ai.embedding_onnx(), 'chunking', ai.chunking_none(),"
				+ " 'formatting', ai.formatting_chunk_value(), 'destination', ai.destination_table())"
				+ " || jsonb_build_object(?, " + part.toSql() + "))::text", String.class, key);
		VectorizerConfig config = VectorizerConfig.fromJson(stored);
		VectorizerConfigPart readBack = switch (key) {
			case "loading" -> config.loading();
			case "parsing" -> config.parsing();
			case "embedding" -> config.embedding();
			case "chunking" -> config.chunking();
			case "formatting" -> config.formatting();
			case "destination" -> config.destination();
			case "indexing" -> config.indexing();
			case "scheduling" -> config.scheduling();
			case "processing" -> config.processing();
			default -> throw new AssertionError("unexpected config_type " + key);
		};
		assertThat(readBack).isEqualTo(part);
	}

}
