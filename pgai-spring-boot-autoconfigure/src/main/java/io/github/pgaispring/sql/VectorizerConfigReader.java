package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code config} JSON stored in {@code ai.vectorizer} into the config types.
 */
final class VectorizerConfigReader {

	/** The keys of an embedding part that {@link EmbeddingCustomConfig} holds apart from its options. */
	private static final Set<String> CUSTOM_EMBEDDING_KEYS = Set.of("implementation", "config_type", "model",
			"dimensions", EmbeddingCustomConfig.MARKER);

	private VectorizerConfigReader() {
	}

	static VectorizerConfig read(JsonNode config) {
		if (config == null || !config.isObject()) {
			throw new InvalidVectorizerConfigException(
					"A vectorizer config must be a JSON object, but was " + describe(config));
		}
		ChunkingConfig chunking = chunking(Part.required(config, "chunking"));
		String legacyChunkColumn = legacyChunkColumn(chunking);
		Part loadingPart = Part.optional(config, "loading");
		Part parsingPart = Part.optional(config, "parsing");
		LoadingConfig loading;
		if (loadingPart == null && legacyChunkColumn != null) {
			loading = new LoadingColumnConfig(legacyChunkColumn, LoadingConfig.DEFAULT_RETRIES);
		}
		else {
			loading = loading(Part.required(config, "loading"));
		}
		ParsingConfig parsing;
		if (parsingPart != null) {
			parsing = parsing(parsingPart);
		}
		else {
			parsing = (loadingPart == null) ? new ParsingNoneConfig() : new ParsingAutoConfig();
		}
		Part indexingPart = Part.optional(config, "indexing");
		Part schedulingPart = Part.optional(config, "scheduling");
		Part processingPart = Part.optional(config, "processing");
		JsonNode version = config.get("version");
		return new VectorizerConfig((version != null && version.isString()) ? version.stringValue() : null, loading,
				parsing, embedding(Part.required(config, "embedding")), chunking,
				(indexingPart != null) ? indexing(indexingPart) : new IndexingNoneConfig(),
				formatting(Part.required(config, "formatting")),
				(schedulingPart != null) ? scheduling(schedulingPart) : new SchedulingNoneConfig(),
				(processingPart != null) ? processing(processingPart) : new ProcessingDefaultConfig(null, null),
				destination(Part.required(config, "destination")), TextIndexingConfig.fromJson(config.path("text_indexing")));
	}

	/**
	 * Parses JSON text.
	 * @param json the text
	 * @param what what the text should be, for the message, e.g. {@code A vectorizer config}
	 * @return the tree
	 */
	static JsonNode tree(String json, String what) {
		try {
			return JsonMapper.shared().readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidVectorizerConfigException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Reads one part as {@link #read(JsonNode)} reads it within a config.
	 * @param name the part's key, such as {@code embedding}
	 * @param node the part
	 * @return the part
	 */
	static VectorizerConfigPart part(String name, JsonNode node) {
		Part part = new Part(name, node);
		return switch (name) {
			case "loading" -> loading(part);
			case "parsing" -> parsing(part);
			case "embedding" -> embedding(part);
			case "chunking" -> chunking(part);
			case "formatting" -> formatting(part);
			case "destination" -> destination(part);
			case "indexing" -> indexing(part);
			case "scheduling" -> scheduling(part);
			case "processing" -> processing(part);
			default -> throw new IllegalArgumentException("Unknown vectorizer config part '" + name + "'");
		};
	}

	/** Reads an embedding part on its own. */
	static EmbeddingConfig embedding(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new InvalidVectorizerConfigException(
					"An embedding config must be a JSON object, but was " + describe(node));
		}
		return embedding(new Part("embedding", node));
	}

	private static String legacyChunkColumn(ChunkingConfig chunking) {
		if (chunking instanceof ChunkingCharacterTextSplitterConfig character) {
			return character.chunkColumn();
		}
		if (chunking instanceof ChunkingRecursiveCharacterTextSplitterConfig recursive) {
			return recursive.chunkColumn();
		}
		return null;
	}

	private static LoadingConfig loading(Part part) {
		return switch (part.implementation()) {
			case "column" -> new LoadingColumnConfig(part.requiredText("column_name"), part.integer("retries"));
			case "uri" -> new LoadingUriConfig(part.requiredText("column_name"), part.integer("retries"),
					part.text("aws_role_arn"));
			default -> throw part.unsupported("column", "uri");
		};
	}

	private static ParsingConfig parsing(Part part) {
		return switch (part.implementation()) {
			case "auto" -> new ParsingAutoConfig();
			case "none" -> new ParsingNoneConfig();
			case "pymupdf" -> new ParsingPymupdfConfig();
			case "docling" -> new ParsingDoclingConfig();
			default -> throw part.unsupported("auto", "none", "pymupdf", "docling");
		};
	}

	/**
	 * Reads an embedding part. An implementation without a record of its own becomes an
	 * {@link EmbeddingCustomConfig}: its provider, if the application has one, decides what it needs.
	 */
	private static EmbeddingConfig embedding(Part part) {
		return switch (part.implementation()) {
			case "openai" -> new EmbeddingOpenaiConfig(part.requiredText("model"), part.dimensions(true),
					part.text("user"), part.text("api_key_name"), part.text("base_url"));
			case "ollama" -> new EmbeddingOllamaConfig(part.requiredText("model"), part.dimensions(true),
					part.text("base_url"), part.object("options"), part.text("keep_alive"));
			case "voyageai" -> new EmbeddingVoyageaiConfig(part.requiredText("model"), part.dimensions(true),
					part.text("input_type"), part.text("api_key_name"), part.integer("output_dimension"),
					part.text("output_dtype"));
			case "litellm" -> new EmbeddingLitellmConfig(part.requiredText("model"), part.dimensions(true),
					part.text("api_key_name"), part.object("extra_options"));
			case "onnx" -> new EmbeddingOnnxConfig(part.text("model"), part.dimensions(false));
			case EmbeddingSpringAiConfig.IMPLEMENTATION -> new EmbeddingSpringAiConfig(part.text("model"),
					part.dimensions(true), part.text("bean"));
			default -> new EmbeddingCustomConfig(part.implementation(), part.text("model"), part.dimensions(false),
					part.remainingOptions(CUSTOM_EMBEDDING_KEYS));
		};
	}

	private static ChunkingConfig chunking(Part part) {
		return switch (part.implementation()) {
			case "character_text_splitter" -> new ChunkingCharacterTextSplitterConfig(part.text("chunk_column"),
					part.integer("chunk_size"), part.integer("chunk_overlap"), part.text("separator"),
					part.bool("is_separator_regex"));
			case "recursive_character_text_splitter" -> new ChunkingRecursiveCharacterTextSplitterConfig(
					part.text("chunk_column"), part.integer("chunk_size"), part.integer("chunk_overlap"),
					part.textList("separators"), part.bool("is_separator_regex"));
			case "none" -> new ChunkingNoneConfig();
			default -> throw part.unsupported("character_text_splitter", "recursive_character_text_splitter", "none");
		};
	}

	private static FormattingConfig formatting(Part part) {
		return switch (part.implementation()) {
			case "python_template" -> new FormattingPythonTemplateConfig(part.text("template"));
			case "chunk_value" -> new FormattingChunkValueConfig();
			default -> throw part.unsupported("python_template", "chunk_value");
		};
	}

	private static DestinationConfig destination(Part part) {
		return switch (part.implementation()) {
			case "table" -> new DestinationTableConfig(part.text("destination"), part.text("target_schema"),
					part.text("target_table"), part.text("view_schema"), part.text("view_name"));
			case "column" -> new DestinationColumnConfig(part.requiredText("embedding_column"));
			default -> throw part.unsupported("table", "column");
		};
	}

	private static IndexingConfig indexing(Part part) {
		return switch (part.implementation()) {
			case "none" -> new IndexingNoneConfig();
			case "default" -> new IndexingDefaultConfig();
			case "hnsw" -> new IndexingHnswConfig(part.integer("min_rows"), part.text("opclass"), part.integer("m"),
					part.integer("ef_construction"), part.bool("create_when_queue_empty"));
			case "diskann" -> new IndexingDiskannConfig(part.integer("min_rows"), part.text("storage_layout"),
					part.integer("num_neighbors"), part.integer("search_list_size"), part.number("max_alpha"),
					part.integer("num_dimensions"), part.integer("num_bits_per_dimension"),
					part.bool("create_when_queue_empty"));
			default -> throw part.unsupported("none", "default", "hnsw", "diskann");
		};
	}

	private static SchedulingConfig scheduling(Part part) {
		return switch (part.implementation()) {
			case "none" -> new SchedulingNoneConfig();
			case "default" -> new SchedulingDefaultConfig();
			case "timescaledb" -> new SchedulingTimescaledbConfig(part.interval("schedule_interval"),
					part.timestamp("initial_start"), part.bool("fixed_schedule"), part.text("timezone"));
			default -> throw part.unsupported("none", "default", "timescaledb");
		};
	}

	private static ProcessingConfig processing(Part part) {
		if (!"default".equals(part.implementation())) {
			throw part.unsupported("default");
		}
		return new ProcessingDefaultConfig(part.integer("batch_size"), part.integer("concurrency"));
	}

	private static String describe(JsonNode node) {
		return (node != null) ? node.getNodeType() + " " + node : "missing";
	}

	/**
	 * One part of the config, such as {@code embedding}, with typed access to its values and error
	 * messages that name the part, the implementation and the key.
	 */
	private static final class Part {

		private final String name;

		private final JsonNode node;

		private final String implementation;

		private Part(String name, JsonNode node) {
			this.name = name;
			this.node = node;
			if (!node.isObject()) {
				throw new InvalidVectorizerConfigException("The " + name
						+ " part of the vectorizer config must be a JSON object, but was " + describe(node));
			}
			JsonNode configType = node.get("config_type");
			if (configType != null && !configType.isNull() && !name.equals(configType.asString())) {
				throw new InvalidVectorizerConfigException("The " + name + " part of the vectorizer config has"
						+ " config_type '" + configType.asString() + "'; it must be '" + name + "'");
			}
			JsonNode implementation = node.get("implementation");
			if (implementation == null || !implementation.isString()) {
				throw new InvalidVectorizerConfigException("The " + name
						+ " part of the vectorizer config names no implementation: it has no 'implementation' string");
			}
			this.implementation = implementation.stringValue();
		}

		static Part required(JsonNode config, String name) {
			Part part = optional(config, name);
			if (part == null) {
				throw new InvalidVectorizerConfigException(
						"The vectorizer config has no " + name + " part; recreate the vectorizer with one");
			}
			return part;
		}

		static Part optional(JsonNode config, String name) {
			JsonNode node = config.get(name);
			return (node != null && !node.isNull()) ? new Part(name, node) : null;
		}

		String implementation() {
			return this.implementation;
		}

		InvalidVectorizerConfigException unsupported(String... supported) {
			return new InvalidVectorizerConfigException("Unsupported " + this.name + " implementation '"
					+ this.implementation + "' in the vectorizer config; supported are: "
					+ String.join(", ", supported));
		}

		String text(String key) {
			JsonNode value = value(key);
			if (value == null) {
				return null;
			}
			if (!value.isString()) {
				throw wrongType(key, "a string", value);
			}
			return value.stringValue();
		}

		String requiredText(String key) {
			return required(key, text(key));
		}

		Integer integer(String key) {
			JsonNode value = value(key);
			if (value == null) {
				return null;
			}
			if (!value.isIntegralNumber() || !value.canConvertToInt()) {
				throw wrongType(key, "an integer", value);
			}
			return value.intValue();
		}

		/**
		 * The {@code dimensions}: a positive integer, required or {@code null} when absent.
		 */
		Integer dimensions(boolean required) {
			Integer dimensions = integer("dimensions");
			if (dimensions == null && required) {
				throw new InvalidVectorizerConfigException("The " + this.name + " '" + this.implementation
						+ "' of the vectorizer config needs a positive integer 'dimensions' but has none");
			}
			if (dimensions != null && dimensions <= 0) {
				throw wrongType("dimensions", "a positive integer", value("dimensions"));
			}
			return dimensions;
		}

		/** Every key but the given ones, with its value, in stored order. */
		Map<String, Object> remainingOptions(Set<String> excluded) {
			Map<String, Object> options = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : this.node.properties()) {
				if (!excluded.contains(property.getKey())) {
					options.put(property.getKey(), JsonMapper.shared().treeToValue(property.getValue(), Object.class));
				}
			}
			return options;
		}

		Double number(String key) {
			JsonNode value = value(key);
			if (value == null) {
				return null;
			}
			if (!value.isNumber()) {
				throw wrongType(key, "a number", value);
			}
			return value.doubleValue();
		}

		Boolean bool(String key) {
			JsonNode value = value(key);
			if (value == null) {
				return null;
			}
			if (!value.isBoolean()) {
				throw wrongType(key, "a boolean", value);
			}
			return value.booleanValue();
		}

		List<String> textList(String key) {
			JsonNode value = value(key);
			if (value == null) {
				return null;
			}
			if (!value.isArray()) {
				throw wrongType(key, "an array of strings", value);
			}
			List<String> texts = new ArrayList<>();
			for (JsonNode element : value.values()) {
				if (!element.isString()) {
					throw wrongType(key, "an array of strings", value);
				}
				texts.add(element.stringValue());
			}
			return texts;
		}

		Map<String, Object> object(String key) {
			JsonNode value = value(key);
			if (value == null) {
				return null;
			}
			if (!value.isObject()) {
				throw wrongType(key, "a JSON object", value);
			}
			return JsonMapper.shared().convertValue(value, new TypeReference<Map<String, Object>>() {
			});
		}

		Duration interval(String key) {
			String text = text(key);
			try {
				return (text != null) ? PostgresIntervals.parse(text) : null;
			}
			catch (IllegalArgumentException ex) {
				throw invalidValue(key, ex);
			}
		}

		OffsetDateTime timestamp(String key) {
			String text = text(key);
			try {
				return (text != null) ? OffsetDateTime.parse(text) : null;
			}
			catch (DateTimeParseException ex) {
				throw invalidValue(key, ex);
			}
		}

		private JsonNode value(String key) {
			JsonNode value = this.node.get(key);
			return (value != null && !value.isNull()) ? value : null;
		}

		private <T> T required(String key, T value) {
			if (value == null) {
				throw new InvalidVectorizerConfigException("The " + this.name + " '" + this.implementation
						+ "' of the vectorizer config lacks '" + key + "'");
			}
			return value;
		}

		private InvalidVectorizerConfigException wrongType(String key, String expected, JsonNode value) {
			return new InvalidVectorizerConfigException("'" + key + "' of the " + this.name + " '"
					+ this.implementation + "' in the vectorizer config must be " + expected + ", but was " + value);
		}

		private InvalidVectorizerConfigException invalidValue(String key, RuntimeException cause) {
			return new InvalidVectorizerConfigException("'" + key + "' of the " + this.name + " '"
					+ this.implementation + "' in the vectorizer config is invalid: " + cause.getMessage(), cause);
		}

	}

}
