package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.sql.IndexingHnswConfig;
import io.github.pgaispring.sql.LoadingConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A vectorizer declared under {@code pgai.vectorizers.<name>}: every option of {@code ai.create_vectorizer}.
 * An omitted option or section means pgai's default (the defaults below are the values pgai's SQL helpers
 * store); the embedding defaults to the in-process {@code all-minilm-l6-v2} model.
 *
 * @param source Source table, optionally schema-qualified ("blog_posts", "content.articles"). Required.
 * @param onChange What to do when the vectorizer exists with a different configuration.
 * @param loading Where the text to embed comes from (ai.loading_column).
 * @param parsing How loaded values are parsed (ai.parsing_*); this starter embeds text columns.
 * @param embedding The embedding model (ai.embedding_*).
 * @param chunking How texts are split into chunks (ai.chunking_*).
 * @param formatting How each chunk is formatted before embedding (ai.formatting_*).
 * @param destination Where embeddings are stored (ai.destination_*).
 * @param indexing The vector index on the store (ai.indexing_*).
 * @param scheduling TimescaleDB scheduling (ai.scheduling_*); the in-application worker needs none.
 * @param processing Batch size and concurrency (ai.processing_default).
 * @param textIndexing The full-text index of the store that hybrid searches rank with (ai.set_text_indexing),
 * applied in place after the vectorizer is created or found. Authoritative for a declared vectorizer: without
 * enabled=true a text index made otherwise is removed.
 * @param queueSchema Schema of the queue tables. Defaults to "ai".
 * @param queueTable Name of the queue table. Defaults to "_vectorizer_q_<id>".
 * @param grantTo Roles granted access to the vectorizer's objects, besides those of the ai.grant_to_default
 * setting.
 * @param enqueueExisting Whether rows already in the source table are queued when the vectorizer is created.
 */
@ConfigurationPropertiesSource
public record VectorizerDefinition(@Nullable String source, @DefaultValue("fail") OnChange onChange,
		@DefaultValue Loading loading, @DefaultValue("auto") Parsing parsing, @DefaultValue Embedding embedding,
		@DefaultValue Chunking chunking, @DefaultValue Formatting formatting, @DefaultValue Destination destination,
		@DefaultValue Indexing indexing, @DefaultValue Scheduling scheduling, @DefaultValue Processing processing,
		@DefaultValue TextIndexing textIndexing, @Nullable String queueSchema, @Nullable String queueTable, @Nullable List<String> grantTo,
		@DefaultValue("true") boolean enqueueExisting) {

	/** What to do with an existing vectorizer whose configuration differs from the declared one. */
	public enum OnChange {

		/** Fail startup and list the differences. */
		FAIL,

		/** Drop the vectorizer with its embeddings and create it again, which re-embeds every row. */
		RECREATE

	}

	/** Parsers pgai knows; this starter embeds text columns and accepts {@code auto} and {@code none}. */
	public enum Parsing {

		/** Text columns as they are (pgai: pymupdf for documents). */
		AUTO,

		/** No parsing. */
		NONE,

		/** pgai's PyMuPDF document parser (not supported by this starter's worker). */
		PYMUPDF,

		/** pgai's Docling document parser (not supported by this starter's worker). */
		DOCLING

	}

	/**
	 * Where the text comes from ({@code ai.loading_column}).
	 *
	 * @param column Source column holding the text to embed. Required.
	 * @param retries Loading retries before a row moves to the failed queue.
	 */
	public record Loading(@Nullable String column, @DefaultValue("" + LoadingConfig.DEFAULT_RETRIES) int retries) {

	}

	/**
	 * The embedding model ({@code ai.embedding_*}).
	 *
	 * @param provider Embedding provider.
	 * @param model Model name; for onnx "all-minilm-l6-v2" (default) or "bge-small-en-v1.5"; for spring-ai the model
	 * each request asks the bean for (unset: the bean's configured model). Required for the other providers.
	 * @param dimensions Vector dimensions; for the onnx models 384. Required for the other providers.
	 * @param apiKeyName Name of the environment variable or Spring property holding the API key. Defaults to
	 * "OPENAI_API_KEY" for openai and "VOYAGE_API_KEY" for voyageai.
	 * @param baseUrl Base URL of the provider's API, for OpenAI-compatible servers and Ollama.
	 * @param chatUser End-user identifier sent to OpenAI ("user").
	 * @param options Ollama model options, e.g. num_ctx; for custom, the options the provider reads (stored as keys
	 * of the embedding configuration).
	 * @param keepAlive How long Ollama keeps the model loaded, e.g. "5m".
	 * @param inputType VoyageAI input type of documents ("document" or "query"). Defaults to "document".
	 * @param outputDimension VoyageAI output_dimension: the dimensions to ask models such as voyage-3.5 for (256,
	 * 512, 1024 or 2048). Unset means the model's default.
	 * @param extraOptions Extra LiteLLM options.
	 * @param bean Name of the Spring AI EmbeddingModel bean, for spring-ai. Defaults to the application's only (or
	 * primary) EmbeddingModel bean.
	 * @param implementation Implementation name an application's own EmbeddingProvider bean claims, for custom
	 * (stored as the embedding's "implementation", e.g. "cohere").
	 */
	public record Embedding(@DefaultValue("onnx") Provider provider, @Nullable String model,
			@Nullable Integer dimensions, @Nullable String apiKeyName, @Nullable String baseUrl,
			@Nullable String chatUser, @Nullable Map<String, Object> options, @Nullable String keepAlive,
			@Nullable String inputType, @Nullable Integer outputDimension, @Nullable Map<String, Object> extraOptions,
			@Nullable String bean, @Nullable String implementation) {

		/** Embedding providers. */
		public enum Provider {

			/** In-process ONNX models (ai.embedding_onnx): no API key, no network. */
			ONNX,

			/** OpenAI or an OpenAI-compatible server (ai.embedding_openai). */
			OPENAI,

			/** An Ollama server (ai.embedding_ollama). */
			OLLAMA,

			/** VoyageAI (ai.embedding_voyageai). */
			VOYAGEAI,

			/** LiteLLM model strings (ai.embedding_litellm), run with the provider they name (openai/, ollama/, voyage/, azure/ ...). */
			LITELLM,

			/** A Spring AI EmbeddingModel bean of the application (ai.embedding_spring_ai). */
			SPRING_AI,

			/** An application's own EmbeddingProvider bean, named by implementation (ai.embedding_custom). */
			CUSTOM

		}

	}

	/**
	 * How texts are split into chunks ({@code ai.chunking_*}).
	 *
	 * @param splitter Splitter.
	 * @param chunkSize Maximum chunk length in characters (code points).
	 * @param chunkOverlap Characters shared by consecutive chunks; smaller than chunk-size.
	 * @param separator Separator of the character text splitter. Defaults to a blank line ("\n\n").
	 * @param separators Separators of the recursive character text splitter, tried in order. Defaults to
	 * "\n\n", "\n", ".", "?", "!", " " and "".
	 * @param separatorIsRegex Whether separators are regular expressions.
	 */
	public record Chunking(@DefaultValue("recursive-character-text-splitter") Splitter splitter,
			@DefaultValue("800") int chunkSize, @DefaultValue("400") int chunkOverlap, @Nullable String separator,
			@Nullable List<String> separators, @DefaultValue("false") boolean separatorIsRegex) {

		/** LangChain splitters pgai supports. */
		public enum Splitter {

			/** Splits at the first separator that yields small enough pieces, then the next (LangChain's). */
			RECURSIVE_CHARACTER_TEXT_SPLITTER,

			/** Splits at one separator and merges the pieces into chunks (LangChain's). */
			CHARACTER_TEXT_SPLITTER,

			/** One chunk per row: the whole text. */
			NONE

		}

	}

	/**
	 * How each chunk is formatted before embedding ({@code ai.formatting_*}).
	 *
	 * @param template Python string.Template applied to each chunk; $chunk is the chunk, $column any column
	 * of the source row, e.g. "$title - $chunk".
	 * @param chunkValue Whether to embed the chunk unchanged (formatting_chunk_value) instead of using a
	 * template.
	 */
	public record Formatting(@DefaultValue("$chunk") String template, @DefaultValue("false") boolean chunkValue) {

	}

	/**
	 * Where embeddings are stored ({@code ai.destination_*}).
	 *
	 * @param name Base name for the store ("<name>_store") and view ("<name>").
	 * @param targetSchema Schema of the embedding store table. Defaults to the source schema.
	 * @param targetTable Embedding store table. Defaults to "<source>_embedding_store".
	 * @param viewSchema Schema of the view joining source and store. Defaults to the source schema.
	 * @param viewName View joining source and store. Defaults to "<source>_embedding".
	 * @param column Store the embedding in this column of the source table instead (chunking must be none).
	 */
	public record Destination(@Nullable String name, @Nullable String targetSchema, @Nullable String targetTable,
			@Nullable String viewSchema, @Nullable String viewName, @Nullable String column) {

	}

	/**
	 * The vector index on the store ({@code ai.indexing_*}).
	 *
	 * @param m HNSW "m" (connections per layer). Defaults to pgvector's 16.
	 * @param type Index type; "default" resolves from the ai.indexing_default setting (none on plain
	 * PostgreSQL).
	 * @param minRows Rows the store must hold before the index is built (hnsw, diskann).
	 * @param opclass HNSW operator class: vector_cosine_ops, vector_ip_ops or vector_l1_ops.
	 * @param efConstruction HNSW "ef_construction". Defaults to pgvector's 64.
	 * @param createWhenQueueEmpty Whether to wait for an empty queue before building the index.
	 */
	// "@param m" comes first: Boot's configuration processor takes the first "@param m" prefix it finds
	public record Indexing(@DefaultValue("default") Type type, @DefaultValue("" + IndexingHnswConfig.DEFAULT_MIN_ROWS) int minRows,
			@DefaultValue(IndexingHnswConfig.DEFAULT_OPCLASS) String opclass, @Nullable Integer m, @Nullable Integer efConstruction,
			@DefaultValue("true") boolean createWhenQueueEmpty) {

		/** Index types. */
		public enum Type {

			/** No index. */
			NONE,

			/** Resolved from the ai.indexing_default setting when the vectorizer is created. */
			DEFAULT,

			/** pgvector HNSW. */
			HNSW,

			/** pgvectorscale StreamingDiskANN. */
			DISKANN

		}

	}

	/**
	 * TimescaleDB scheduling ({@code ai.scheduling_*}); the in-application worker needs none.
	 *
	 * @param type Scheduling type; "default" resolves from the ai.scheduling_default setting (none without
	 * TimescaleDB).
	 * @param scheduleInterval Interval of the TimescaleDB job.
	 * @param initialStart First run of the TimescaleDB job.
	 * @param fixedSchedule Whether the TimescaleDB job runs on a fixed schedule.
	 * @param timezone Time zone of the TimescaleDB schedule.
	 */
	public record Scheduling(@DefaultValue("default") Type type, @DefaultValue("5m") Duration scheduleInterval,
			@Nullable OffsetDateTime initialStart, @Nullable Boolean fixedSchedule, @Nullable String timezone) {

		/** Scheduling types. */
		public enum Type {

			/** No scheduled job. */
			NONE,

			/** Resolved from the ai.scheduling_default setting when the vectorizer is created. */
			DEFAULT,

			/** A TimescaleDB job. */
			TIMESCALEDB

		}

	}

	/**
	 * Batch size and concurrency ({@code ai.processing_default}).
	 *
	 * @param batchSize Source rows per batch (1 to 2048). Defaults to 50 (the worker's default).
	 * @param concurrency Concurrent batches of this vectorizer (1 to 50). Defaults to 1.
	 */
	public record Processing(@Nullable Integer batchSize, @Nullable Integer concurrency) {

	}

	/**
	 * The full-text index of the store ({@code ai.set_text_indexing}): a generated tsvector column over the chunks
	 * and a GIN index on it, changed in place (no re-embedding).
	 *
	 * @param enabled Whether the store has a full-text index for hybrid searches (find...HybridBy...).
	 * @param language PostgreSQL text search configuration of the index ("english", "simple", "german", ...).
	 */
	public record TextIndexing(@DefaultValue("false") boolean enabled, @DefaultValue("english") String language) {

	}

}
