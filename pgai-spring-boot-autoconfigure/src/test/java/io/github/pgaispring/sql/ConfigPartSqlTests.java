package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code toSql()} of every config type: all arguments, server defaults left out, and the literal forms.
 */
class ConfigPartSqlTests {

	@Test
	void loading() {
		assertThat(LoadingConfig.column("body").withRetries(3).toSql())
			.isEqualTo("ai.loading_column(column_name=>'body', retries=>3)");
		assertThat(LoadingConfig.uri("url").withRetries(0).withAwsRoleArn("arn:aws:iam::1:role/r").toSql())
			.isEqualTo("ai.loading_uri(column_name=>'url', retries=>0, aws_role_arn=>'arn:aws:iam::1:role/r')");
	}

	@Test
	void parsing() {
		assertThat(List.of(ParsingConfig.auto(), ParsingConfig.none(), ParsingConfig.pymupdf(), ParsingConfig.docling())
			.stream()
			.map(ParsingConfig::toSql)).containsExactly("ai.parsing_auto()", "ai.parsing_none()", "ai.parsing_pymupdf()",
					"ai.parsing_docling()");
	}

	@Test
	void embeddingOpenaiWithEveryArgument() {
		assertThat(EmbeddingConfig.openai("text-embedding-3-small", 768)
			.withChatUser("u1")
			.withApiKeyName("MY_KEY")
			.withBaseUrl("http://localhost:8080/v1")
			.toSql()).isEqualTo("ai.embedding_openai(model=>'text-embedding-3-small', dimensions=>768, "
					+ "chat_user=>'u1', api_key_name=>'MY_KEY', base_url=>'http://localhost:8080/v1')");
	}

	@Test
	void embeddingOllamaRendersOptionsAsJsonb() {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("num_ctx", 4096);
		options.put("temperature", 0.5);
		options.put("stop", List.of("a'b", "c\"d"));
		options.put("nested", Map.of("x", true));
		options.put("none", null);
		assertThat(EmbeddingConfig.ollama("nomic-embed-text", 768)
			.withBaseUrl("http://ollama:11434")
			.withOptions(options)
			.withKeepAlive("5m")
			.toSql()).isEqualTo("ai.embedding_ollama(model=>'nomic-embed-text', dimensions=>768, "
					+ "base_url=>'http://ollama:11434', options=>E'{\"num_ctx\":4096,\"temperature\":0.5,"
					+ "\"stop\":[\"a''b\",\"c\\\\\"d\"],\"nested\":{\"x\":true},\"none\":null}'::jsonb, keep_alive=>'5m')");
	}

	@Test
	void embeddingVoyageaiAndLitellmAndOnnx() {
		assertThat(EmbeddingConfig.voyageai("voyage-3-lite", 512).withInputType("query").withApiKeyName("VK").toSql())
			.isEqualTo("ai.embedding_voyageai(model=>'voyage-3-lite', dimensions=>512, input_type=>'query', "
					+ "api_key_name=>'VK')");
		assertThat(EmbeddingConfig.litellm("cohere/embed-english-v3.0", 1024)
			.withApiKeyName("COHERE_API_KEY")
			.withExtraOptions(Map.of("k", 1))
			.toSql()).isEqualTo("ai.embedding_litellm(model=>'cohere/embed-english-v3.0', dimensions=>1024, "
					+ "api_key_name=>'COHERE_API_KEY', extra_options=>'{\"k\":1}'::jsonb)");
		assertThat(EmbeddingConfig.onnx("bge-small-en-v1.5", 384).toSql())
			.isEqualTo("ai.embedding_onnx(model=>'bge-small-en-v1.5', dimensions=>384)");
		assertThat(EmbeddingConfig.onnx().toSql()).isEqualTo("ai.embedding_onnx()");
		assertThat(EmbeddingConfig.voyageai("voyage-3.5", 512).withOutputDimension(512).withOutputDtype("int8").toSql())
			.isEqualTo("(ai.embedding_voyageai(model=>'voyage-3.5', dimensions=>512) || "
					+ "'{\"output_dimension\":512,\"output_dtype\":\"int8\"}'::jsonb)");
		assertThat(EmbeddingConfig.springAi("text-embedding-3-small", 1536).withBean("openAi").toSql())
			.isEqualTo("ai.embedding_spring_ai(model=>'text-embedding-3-small', dimensions=>1536, bean=>'openAi')");
		assertThat(EmbeddingConfig.springAi(384).toSql()).isEqualTo("ai.embedding_spring_ai(dimensions=>384)");
		assertThat(EmbeddingConfig.custom("cohere", "embed-english-v3.0", 1024)
			.withOptions(Map.of("input_type", "search_document"))
			.toSql()).isEqualTo("ai.embedding_custom(implementation=>'cohere', model=>'embed-english-v3.0', "
					+ "dimensions=>1024, options=>'{\"input_type\":\"search_document\"}'::jsonb)");
	}

	@Test
	void embeddingOptionsAreCopiedAndUnmodifiable() {
		Map<String, Object> options = new LinkedHashMap<>(Map.of("a", 1));
		EmbeddingOllamaConfig config = EmbeddingConfig.ollama("m", 1).withOptions(options);
		options.put("b", 2);
		assertThat(config.options()).containsOnlyKeys("a");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingConfig.ollama(" ", 1))
			.withMessageContaining("model is required");
	}

	@Test
	void requiredEmbeddingComponentsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EmbeddingOpenaiConfig("m", null, null, null, null))
			.withMessageContaining("dimensions is required");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadingConfig.column(""))
			.withMessageContaining("columnName is required");
		assertThatIllegalArgumentException().isThrownBy(() -> DestinationConfig.column(null))
			.withMessageContaining("embeddingColumn is required");
	}

	@Test
	void chunkingCurrentAndLegacyForms() {
		assertThat(ChunkingConfig.characterTextSplitter().toSql()).isEqualTo("ai.chunking_character_text_splitter()");
		assertThat(ChunkingConfig.characterTextSplitter(800, 400).withSeparator("\n\n").withSeparatorRegex(true).toSql())
			.isEqualTo("ai.chunking_character_text_splitter(chunk_size=>800, chunk_overlap=>400, "
					+ "separator=>E'\\n\\n', is_separator_regex=>true)");
		assertThat(ChunkingConfig.recursiveCharacterTextSplitter(50, 10)
			.withChunkColumn("content")
			.withSeparators("\n\n", "\n", ".", "?", "!", " ", "")
			.withSeparatorRegex(false)
			.toSql()).isEqualTo("ai.chunking_recursive_character_text_splitter(chunk_column=>'content', "
					+ "chunk_size=>50, chunk_overlap=>10, separators=>ARRAY[E'\\n\\n',E'\\n','.','?','!',' ','']::text[], "
					+ "is_separator_regex=>false)");
		assertThat(ChunkingConfig.recursiveCharacterTextSplitter().withSeparators(List.of()).toSql())
			.isEqualTo("ai.chunking_recursive_character_text_splitter(separators=>ARRAY[]::text[])");
		assertThat(ChunkingConfig.none().toSql()).isEqualTo("ai.chunking_none()");
	}

	@Test
	void formatting() {
		assertThat(FormattingConfig.pythonTemplate("$title: $chunk").toSql())
			.isEqualTo("ai.formatting_python_template(template=>'$title: $chunk')");
		assertThat(new FormattingPythonTemplateConfig(null).toSql()).isEqualTo("ai.formatting_python_template()");
		assertThat(FormattingConfig.chunkValue().toSql()).isEqualTo("ai.formatting_chunk_value()");
	}

	@Test
	void destination() {
		assertThat(DestinationConfig.table().toSql()).isEqualTo("ai.destination_table()");
		assertThat(DestinationConfig.table("blog_docs")
			.withTargetSchema("s1")
			.withTargetTable("t1")
			.withViewSchema("s2")
			.withViewName("v1")
			.toSql()).isEqualTo("ai.destination_table(destination=>'blog_docs', target_schema=>'s1', "
					+ "target_table=>'t1', view_schema=>'s2', view_name=>'v1')");
		assertThat(DestinationConfig.column("emb").toSql())
			.isEqualTo("ai.destination_column(embedding_column=>'emb')");
	}

	@Test
	void indexing() {
		assertThat(IndexingConfig.none().toSql()).isEqualTo("ai.indexing_none()");
		assertThat(IndexingConfig.serverDefault().toSql()).isEqualTo("ai.indexing_default()");
		assertThat(IndexingConfig.hnsw()
			.withMinRows(-1)
			.withOpclass("vector_ip_ops")
			.withM(16)
			.withEfConstruction(64)
			.withCreateWhenQueueEmpty(false)
			.toSql()).isEqualTo("ai.indexing_hnsw(min_rows=>-1, opclass=>'vector_ip_ops', m=>16, "
					+ "ef_construction=>64, create_when_queue_empty=>false)");
		assertThat(IndexingConfig.diskann()
			.withMinRows(10)
			.withStorageLayout("plain")
			.withNumNeighbors(50)
			.withSearchListSize(100)
			.withMaxAlpha(1.2)
			.withNumDimensions(256)
			.withNumBitsPerDimension(2)
			.withCreateWhenQueueEmpty(true)
			.toSql()).isEqualTo("ai.indexing_diskann(min_rows=>10, storage_layout=>'plain', num_neighbors=>50, "
					+ "search_list_size=>100, max_alpha=>1.2, num_dimensions=>256, num_bits_per_dimension=>2, "
					+ "create_when_queue_empty=>true)");
	}

	@Test
	void nonFiniteNumbersAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IndexingConfig.diskann().withMaxAlpha(Double.NaN).toSql())
			.withMessageContaining("finite");
	}

	@Test
	void schedulingKeepsDaysAndFractionsOfIntervals() {
		assertThat(SchedulingConfig.none().toSql()).isEqualTo("ai.scheduling_none()");
		assertThat(SchedulingConfig.serverDefault().toSql()).isEqualTo("ai.scheduling_default()");
		assertThat(SchedulingConfig.timescaledb(Duration.ofDays(2).plusHours(1).plusMillis(500))
			.withInitialStart(OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)))
			.withFixedSchedule(true)
			.withTimezone("Europe/Berlin")
			.toSql()).isEqualTo("ai.scheduling_timescaledb(schedule_interval=>interval '176400.5 seconds', "
					+ "initial_start=>'2025-01-02T03:04:05+02:00'::timestamptz, fixed_schedule=>true, "
					+ "timezone=>'Europe/Berlin')");
		assertThat(new SchedulingTimescaledbConfig(null, null, null, null).toSql())
			.isEqualTo("ai.scheduling_timescaledb()");
	}

	@Test
	void processing() {
		assertThat(ProcessingConfig.defaults().toSql()).isEqualTo("ai.processing_default()");
		assertThat(ProcessingConfig.defaults().withBatchSize(2048).withConcurrency(10).toSql())
			.isEqualTo("ai.processing_default(batch_size=>2048, concurrency=>10)");
	}

	@Test
	void withersReturnCopies() {
		IndexingHnswConfig original = IndexingConfig.hnsw();
		IndexingHnswConfig refined = original.withM(8);
		assertThat(original.m()).isNull();
		assertThat(refined).isEqualTo(new IndexingHnswConfig(null, null, 8, null, null));
	}

}
