package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link VectorizerConfig#fromJson} on configs shaped like those pgai's SQL functions store (keys as in the
 * pgai reference §1.3), for every config type, plus the legacy form and clear errors.
 */
class VectorizerConfigFromJsonTests {

	private static final String STORED = """
			{"version": "0.12.1",
			 "loading": {"retries": 6, "column_name": "content", "config_type": "loading", "implementation": "column"},
			 "parsing": {"config_type": "parsing", "implementation": "auto"},
			 "embedding": {"model": "text-embedding-3-small", "dimensions": 768, "config_type": "embedding",
			   "api_key_name": "OPENAI_API_KEY", "implementation": "openai"},
			 "chunking": {"separator": ".", "chunk_size": 800, "config_type": "chunking", "chunk_overlap": 400,
			   "implementation": "character_text_splitter", "is_separator_regex": false},
			 "indexing": {"config_type": "indexing", "implementation": "none"},
			 "formatting": {"template": "$title - $chunk", "config_type": "formatting", "implementation": "python_template"},
			 "scheduling": {"config_type": "scheduling", "implementation": "none"},
			 "processing": {"config_type": "processing", "implementation": "default"},
			 "destination": {"view_name": "blog_embedding", "view_schema": "public", "config_type": "destination",
			   "target_table": "blog_embeddings", "target_schema": "public", "implementation": "table"}}
			""";

	@Test
	void readsACompleteStoredConfig() {
		VectorizerConfig config = VectorizerConfig.fromJson(STORED);
		assertThat(config).isEqualTo(new VectorizerConfig("0.12.1", new LoadingColumnConfig("content", 6),
				new ParsingAutoConfig(), new EmbeddingOpenaiConfig("text-embedding-3-small", 768, null, "OPENAI_API_KEY", null),
				new ChunkingCharacterTextSplitterConfig(null, 800, 400, ".", false), new IndexingNoneConfig(),
				new FormattingPythonTemplateConfig("$title - $chunk"), new SchedulingNoneConfig(),
				new ProcessingDefaultConfig(null, null),
				new DestinationTableConfig(null, "public", "blog_embeddings", "public", "blog_embedding")));
	}

	@Test
	void textIndexingIsReadWhenStoredAndNoneOtherwise() {
		assertThat(VectorizerConfig.fromJson(STORED).textIndexing()).isEqualTo(TextIndexingConfig.none());
		String indexed = STORED.replaceFirst("\\{", "{\"text_indexing\": {\"config_type\": \"text_indexing\", "
				+ "\"implementation\": \"tsvector\", \"language\": \"simple\"}, ");
		assertThat(VectorizerConfig.fromJson(indexed).textIndexing()).isEqualTo(TextIndexingConfig.tsvector("simple"));
		String unknown = STORED.replaceFirst("\\{", "{\"text_indexing\": {\"config_type\": \"text_indexing\", "
				+ "\"implementation\": \"bm25\"}, ");
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(unknown))
			.withMessageContaining("Unsupported text_indexing implementation 'bm25'");
	}

	@Test
	void loadingTypes() {
		assertPart("loading", "{\"implementation\":\"column\",\"config_type\":\"loading\",\"column_name\":\"body\",\"retries\":2}",
				LoadingConfig.column("body").withRetries(2));
		assertPart("loading", """
				{"implementation":"uri","config_type":"loading","column_name":"url","retries":6,
				 "aws_role_arn":"arn:aws:iam::123:role/r"}""",
				LoadingConfig.uri("url").withRetries(6).withAwsRoleArn("arn:aws:iam::123:role/r"));
	}

	@Test
	void parsingTypes() {
		assertPart("parsing", implementation("none"), ParsingConfig.none());
		assertPart("parsing", implementation("auto"), ParsingConfig.auto());
		assertPart("parsing", implementation("pymupdf"), ParsingConfig.pymupdf());
		assertPart("parsing", implementation("docling"), ParsingConfig.docling());
	}

	@Test
	void embeddingTypes() {
		assertPart("embedding", """
				{"implementation":"openai","config_type":"embedding","model":"m","dimensions":3,"user":"u",
				 "api_key_name":"K","base_url":"http://x"}""",
				EmbeddingConfig.openai("m", 3).withChatUser("u").withApiKeyName("K").withBaseUrl("http://x"));
		assertPart("embedding", """
				{"implementation":"ollama","config_type":"embedding","model":"nomic-embed-text","dimensions":768,
				 "base_url":"http://ollama:11434","options":{"num_ctx":4096,"stop":["x"],"f":0.5},"keep_alive":"5m"}""",
				EmbeddingConfig.ollama("nomic-embed-text", 768)
					.withBaseUrl("http://ollama:11434")
					.withOptions(Map.of("num_ctx", 4096, "stop", List.of("x"), "f", 0.5))
					.withKeepAlive("5m"));
		assertPart("embedding", """
				{"implementation":"voyageai","config_type":"embedding","model":"voyage-3-lite","dimensions":512,
				 "input_type":"document","api_key_name":"VOYAGE_API_KEY"}""",
				EmbeddingConfig.voyageai("voyage-3-lite", 512).withInputType("document").withApiKeyName("VOYAGE_API_KEY"));
		assertPart("embedding", """
				{"implementation":"litellm","config_type":"embedding","model":"cohere/embed-english-v3.0",
				 "dimensions":1024,"api_key_name":"COHERE_API_KEY","extra_options":{"input_type":"search_document"}}""",
				EmbeddingConfig.litellm("cohere/embed-english-v3.0", 1024)
					.withApiKeyName("COHERE_API_KEY")
					.withExtraOptions(Map.of("input_type", "search_document")));
		assertPart("embedding", """
				{"implementation":"onnx","config_type":"embedding","model":"all-minilm-l6-v2","dimensions":384}""",
				EmbeddingConfig.onnx("all-minilm-l6-v2", 384));
	}

	@Test
	void chunkingTypes() {
		assertPart("chunking", """
				{"implementation":"character_text_splitter","config_type":"chunking","chunk_size":10,
				 "chunk_overlap":2,"separator":"\\n\\n","is_separator_regex":true}""",
				ChunkingConfig.characterTextSplitter(10, 2).withSeparator("\n\n").withSeparatorRegex(true));
		assertPart("chunking", """
				{"implementation":"recursive_character_text_splitter","config_type":"chunking","chunk_size":800,
				 "chunk_overlap":400,"separators":["\\n\\n","\\n",".","?","!"," ",""],"is_separator_regex":false}""",
				ChunkingConfig.recursiveCharacterTextSplitter(800, 400)
					.withSeparators("\n\n", "\n", ".", "?", "!", " ", "")
					.withSeparatorRegex(false));
		assertPart("chunking", implementation("none"), ChunkingConfig.none());
	}

	@Test
	void formattingTypes() {
		assertPart("formatting", "{\"implementation\":\"python_template\",\"template\":\"$chunk\"}",
				FormattingConfig.pythonTemplate("$chunk"));
		assertPart("formatting", implementation("chunk_value"), FormattingConfig.chunkValue());
	}

	@Test
	void destinationTypes() {
		assertPart("destination", """
				{"implementation":"table","config_type":"destination","target_schema":"s","target_table":"t",
				 "view_schema":"vs","view_name":"v"}""",
				DestinationConfig.table().withTargetSchema("s").withTargetTable("t").withViewSchema("vs").withViewName("v"));
		assertPart("destination", "{\"implementation\":\"column\",\"config_type\":\"destination\",\"embedding_column\":\"e\"}",
				DestinationConfig.column("e"));
	}

	@Test
	void indexingTypes() {
		assertPart("indexing", implementation("none"), IndexingConfig.none());
		assertPart("indexing", implementation("default"), IndexingConfig.serverDefault());
		assertPart("indexing", """
				{"implementation":"hnsw","config_type":"indexing","min_rows":100000,"opclass":"vector_cosine_ops",
				 "m":16,"ef_construction":64,"create_when_queue_empty":true}""",
				IndexingConfig.hnsw()
					.withMinRows(100000)
					.withOpclass("vector_cosine_ops")
					.withM(16)
					.withEfConstruction(64)
					.withCreateWhenQueueEmpty(true));
		assertPart("indexing", """
				{"implementation":"diskann","config_type":"indexing","min_rows":5,"storage_layout":"memory_optimized",
				 "num_neighbors":50,"search_list_size":100,"max_alpha":1.2,"num_dimensions":256,
				 "num_bits_per_dimension":2,"create_when_queue_empty":false}""",
				IndexingConfig.diskann()
					.withMinRows(5)
					.withStorageLayout("memory_optimized")
					.withNumNeighbors(50)
					.withSearchListSize(100)
					.withMaxAlpha(1.2)
					.withNumDimensions(256)
					.withNumBitsPerDimension(2)
					.withCreateWhenQueueEmpty(false));
	}

	@Test
	void schedulingTypesIncludingIntervalsWithDays() {
		assertPart("scheduling", implementation("none"), SchedulingConfig.none());
		assertPart("scheduling", implementation("default"), SchedulingConfig.serverDefault());
		assertPart("scheduling", """
				{"implementation":"timescaledb","config_type":"scheduling","schedule_interval":"1 day 02:00:00",
				 "initial_start":"2025-01-02T03:04:05+02:00","fixed_schedule":true,"timezone":"Europe/Berlin",
				 "job_id":1001}""",
				SchedulingConfig.timescaledb(Duration.ofHours(26))
					.withInitialStart(OffsetDateTime.parse("2025-01-02T03:04:05+02:00"))
					.withFixedSchedule(true)
					.withTimezone("Europe/Berlin"));
		assertPart("scheduling", "{\"implementation\":\"timescaledb\",\"schedule_interval\":\"00:05:00\"}",
				SchedulingConfig.timescaledb(Duration.ofMinutes(5)));
	}

	@Test
	void processingType() {
		assertPart("processing", "{\"implementation\":\"default\",\"config_type\":\"processing\",\"batch_size\":100,"
				+ "\"concurrency\":4}", ProcessingConfig.defaults().withBatchSize(100).withConcurrency(4));
	}

	@Test
	void legacyChunkColumnWithoutLoadingBecomesColumnLoading() {
		ObjectNode legacy = stored();
		legacy.remove("loading");
		legacy.remove("parsing");
		legacy.put("version", "0.8.0");
		legacy.set("chunking", JsonMapper.shared().readTree("""
				{"implementation":"recursive_character_text_splitter","config_type":"chunking","chunk_column":"body",
				 "chunk_size":50,"chunk_overlap":10,"separators":["\\n"],"is_separator_regex":false}"""));
		VectorizerConfig config = VectorizerConfig.fromJson(legacy);
		assertThat(config.loading()).isEqualTo(new LoadingColumnConfig("body", 6));
		assertThat(config.parsing()).isEqualTo(ParsingConfig.none());
		assertThat(config.chunking())
			.isEqualTo(ChunkingConfig.recursiveCharacterTextSplitter(50, 10).withChunkColumn("body").withSeparators("\n")
				.withSeparatorRegex(false));
	}

	@Test
	void legacyChunkColumnDoesNotOverrideAnExplicitLoading() {
		ObjectNode config = stored();
		config.set("chunking", JsonMapper.shared().readTree("""
				{"implementation":"character_text_splitter","chunk_column":"content"}"""));
		assertThat(VectorizerConfig.fromJson(config).loading()).isEqualTo(new LoadingColumnConfig("content", 6));
		assertThat(VectorizerConfig.fromJson(config).parsing()).isEqualTo(ParsingConfig.auto());
	}

	@Test
	void optionalPartsDefaultLikeThePgaiWorker() {
		ObjectNode config = stored();
		config.remove(List.of("indexing", "scheduling", "processing", "parsing", "version"));
		VectorizerConfig read = VectorizerConfig.fromJson(config);
		assertThat(read.indexing()).isEqualTo(IndexingConfig.none());
		assertThat(read.scheduling()).isEqualTo(SchedulingConfig.none());
		assertThat(read.processing()).isEqualTo(ProcessingConfig.defaults());
		assertThat(read.parsing()).isEqualTo(ParsingConfig.auto());
		assertThat(read.version()).isNull();
	}

	@Test
	void anEmbeddingImplementationWithoutARecordIsReadAsACustomConfigForItsProvider() {
		ObjectNode config = stored();
		config.set("embedding", JsonMapper.shared().readTree("""
				{"implementation":"gemini","config_type":"embedding","model":"x","dimensions":3,
				 "task_type":"RETRIEVAL_DOCUMENT","extra":{"a":[1,2]}}"""));
		EmbeddingConfig embedding = VectorizerConfig.fromJson(config).embedding();
		assertThat(embedding).isEqualTo(new EmbeddingCustomConfig("gemini", "x", 3,
				Map.of("task_type", "RETRIEVAL_DOCUMENT", "extra", Map.of("a", List.of(1, 2)))));
		assertThat(embedding.implementation()).isEqualTo("gemini");
		assertThat(((EmbeddingCustomConfig) embedding).options().keySet()).containsExactly("task_type", "extra");
	}

	@Test
	void dimensionsMustBePositive() {
		ObjectNode missing = stored();
		missing.set("embedding", JsonMapper.shared().readTree("{\"implementation\":\"openai\",\"model\":\"m\"}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class).isThrownBy(() -> VectorizerConfig.fromJson(missing))
			.withMessage("The embedding 'openai' of the vectorizer config needs a positive integer 'dimensions' but has none");
		ObjectNode zero = stored();
		zero.set("embedding", JsonMapper.shared().readTree("{\"implementation\":\"gemini\",\"dimensions\":0}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class).isThrownBy(() -> VectorizerConfig.fromJson(zero))
			.withMessage("'dimensions' of the embedding 'gemini' in the vectorizer config must be a positive integer, but was 0");
	}

	@Test
	void unknownImplementationOfEveryPartIsReported() {
		for (String part : List.of("loading", "parsing", "chunking", "indexing", "formatting", "scheduling",
				"processing", "destination")) {
			ObjectNode config = stored();
			config.set(part, JsonMapper.shared().readTree(implementation("bogus")));
			assertThatExceptionOfType(InvalidVectorizerConfigException.class)
				.isThrownBy(() -> VectorizerConfig.fromJson(config))
				.withMessageStartingWith("Unsupported " + part + " implementation 'bogus'");
		}
	}

	@Test
	void missingPartsAndValuesAreReported() {
		ObjectNode noEmbedding = stored();
		noEmbedding.remove("embedding");
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(noEmbedding))
			.withMessageContaining("no embedding part");
		ObjectNode noLoading = stored();
		noLoading.remove("loading");
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(noLoading))
			.withMessageContaining("no loading part");
		ObjectNode noModel = stored();
		noModel.set("embedding", JsonMapper.shared().readTree("{\"implementation\":\"openai\",\"dimensions\":3}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(noModel))
			.withMessage("The embedding 'openai' of the vectorizer config lacks 'model'");
		ObjectNode noImplementation = stored();
		noImplementation.set("indexing", JsonMapper.shared().readTree("{\"config_type\":\"indexing\"}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(noImplementation))
			.withMessageContaining("indexing part of the vectorizer config names no implementation");
	}

	@Test
	void wrongTypesAreReported() {
		ObjectNode config = stored();
		config.set("embedding", JsonMapper.shared().readTree(
				"{\"implementation\":\"openai\",\"model\":\"m\",\"dimensions\":\"768\"}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class).isThrownBy(() -> VectorizerConfig.fromJson(config))
			.withMessage("'dimensions' of the embedding 'openai' in the vectorizer config must be an integer, but was \"768\"");
		ObjectNode badInterval = stored();
		badInterval.set("scheduling", JsonMapper.shared().readTree(
				"{\"implementation\":\"timescaledb\",\"schedule_interval\":\"5 minutes\"}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(badInterval))
			.withMessageContaining("'schedule_interval' of the scheduling 'timescaledb'")
			.withMessageContaining("Cannot read interval '5 minutes'");
		ObjectNode wrongConfigType = stored();
		wrongConfigType.set("indexing", JsonMapper.shared().readTree(
				"{\"implementation\":\"none\",\"config_type\":\"scheduling\"}"));
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson(wrongConfigType))
			.withMessage("The indexing part of the vectorizer config has config_type 'scheduling'; it must be 'indexing'");
	}

	@Test
	void nonObjectsAndInvalidJsonAreReported() {
		assertThatExceptionOfType(InvalidVectorizerConfigException.class).isThrownBy(() -> VectorizerConfig.fromJson("[]"))
			.withMessageStartingWith("A vectorizer config must be a JSON object, but was ARRAY");
		assertThatExceptionOfType(InvalidVectorizerConfigException.class)
			.isThrownBy(() -> VectorizerConfig.fromJson("{\"embedding\":"))
			.withMessageStartingWith("A vectorizer config is not valid JSON");
	}

	private static void assertPart(String part, String json, VectorizerConfigPart expected) {
		ObjectNode config = stored();
		config.set(part, JsonMapper.shared().readTree(json));
		VectorizerConfig read = VectorizerConfig.fromJson(config.toString());
		assertThat(partOf(read, part)).isEqualTo(expected);
	}

	private static VectorizerConfigPart partOf(VectorizerConfig config, String part) {
		return switch (part) {
			case "loading" -> config.loading();
			case "parsing" -> config.parsing();
			case "embedding" -> config.embedding();
			case "chunking" -> config.chunking();
			case "indexing" -> config.indexing();
			case "formatting" -> config.formatting();
			case "scheduling" -> config.scheduling();
			case "processing" -> config.processing();
			default -> config.destination();
		};
	}

	private static String implementation(String implementation) {
		return "{\"implementation\":\"" + implementation + "\"}";
	}

	private static ObjectNode stored() {
		return (ObjectNode) JsonMapper.shared().readTree(STORED);
	}

}
