package io.github.pgaispring.sql;

import tools.jackson.databind.JsonNode;

/**
 * A vectorizer's complete configuration, as stored in the {@code config} column of {@code ai.vectorizer}.
 * <p>
 * Read it with {@link #fromJson(String)}: the one reader of stored configurations, whose records the worker,
 * the embedding providers, the repositories and the reconciler of declared vectorizers all use. Parts that
 * pgai may leave out of older configurations get the values pgai's worker assumes: no indexing, no scheduling, default processing and, for legacy configs whose
 * chunking names a {@code chunk_column} and that have no loading, column loading of that column (6 retries)
 * with no parsing.
 *
 * @param version the pgai library version that stored the configuration, or {@code null}
 * @param loading where the content is loaded from
 * @param parsing how loaded content is parsed
 * @param embedding the embedding model
 * @param chunking how text is chunked
 * @param indexing the vector index
 * @param formatting how chunks are formatted
 * @param scheduling the database scheduling
 * @param processing batch size and concurrency
 * @param destination where the embeddings are stored, with the names the server filled in
 * @param textIndexing the full-text index of the store ({@code text_indexing}, set by
 * {@code ai.set_text_indexing}; none when the key is absent, as in every pgai-created vectorizer)
 */
public record VectorizerConfig(String version, LoadingConfig loading, ParsingConfig parsing,
		EmbeddingConfig embedding, ChunkingConfig chunking, IndexingConfig indexing, FormattingConfig formatting,
		SchedulingConfig scheduling, ProcessingConfig processing, DestinationConfig destination,
		TextIndexingConfig textIndexing) {

	/**
	 * A configuration without a text index, as {@code ai.create_vectorizer} stores it.
	 */
	public VectorizerConfig(String version, LoadingConfig loading, ParsingConfig parsing, EmbeddingConfig embedding,
			ChunkingConfig chunking, IndexingConfig indexing, FormattingConfig formatting, SchedulingConfig scheduling,
			ProcessingConfig processing, DestinationConfig destination) {
		this(version, loading, parsing, embedding, chunking, indexing, formatting, scheduling, processing, destination,
				TextIndexingConfig.none());
	}

	/**
	 * Reads a stored configuration.
	 * @param json the JSON text of {@code ai.vectorizer.config}
	 * @return the configuration
	 * @throws InvalidVectorizerConfigException if the text is not JSON, a part is missing or malformed, or
	 * an implementation is not supported
	 */
	public static VectorizerConfig fromJson(String json) {
		return fromJson(VectorizerConfigReader.tree(json, "A vectorizer config"));
	}

	/**
	 * Reads a stored configuration.
	 * @param json the JSON tree of {@code ai.vectorizer.config}
	 * @return the configuration
	 * @throws InvalidVectorizerConfigException if a part is missing or malformed, or an implementation is
	 * not supported
	 */
	public static VectorizerConfig fromJson(JsonNode json) {
		return VectorizerConfigReader.read(json);
	}

	/**
	 * The part stored under the given key.
	 * @param key {@code loading}, {@code parsing}, {@code embedding}, {@code chunking}, {@code indexing},
	 * {@code formatting}, {@code scheduling}, {@code processing} or {@code destination}
	 * @return the part
	 * @throws IllegalArgumentException for another key
	 */
	public VectorizerConfigPart part(String key) {
		return switch (key) {
			case "loading" -> this.loading;
			case "parsing" -> this.parsing;
			case "embedding" -> this.embedding;
			case "chunking" -> this.chunking;
			case "indexing" -> this.indexing;
			case "formatting" -> this.formatting;
			case "scheduling" -> this.scheduling;
			case "processing" -> this.processing;
			case "destination" -> this.destination;
			default -> throw new IllegalArgumentException("Unknown vectorizer config part '" + key + "'");
		};
	}

}
