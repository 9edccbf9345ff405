package io.github.pgaispring.sql;

/**
 * How the loaded text is split into chunks ({@code chunking=>} of {@code ai.create_vectorizer}).
 */
public sealed interface ChunkingConfig extends VectorizerConfigPart permits ChunkingCharacterTextSplitterConfig,
		ChunkingRecursiveCharacterTextSplitterConfig, ChunkingNoneConfig {

	/**
	 * Splits on one separator (pgai's {@code CharacterTextSplitterConfig}) with the server defaults:
	 * {@code ai.chunking_character_text_splitter()}.
	 * @return the configuration
	 */
	static ChunkingCharacterTextSplitterConfig characterTextSplitter() {
		return new ChunkingCharacterTextSplitterConfig(null, null, null, null, null);
	}

	/**
	 * Splits on one separator into chunks of the given size.
	 * @param chunkSize the maximum chunk length in characters
	 * @param chunkOverlap how many characters consecutive chunks share
	 * @return the configuration
	 */
	static ChunkingCharacterTextSplitterConfig characterTextSplitter(int chunkSize, int chunkOverlap) {
		return new ChunkingCharacterTextSplitterConfig(null, chunkSize, chunkOverlap, null, null);
	}

	/**
	 * Splits recursively on a list of separators (pgai's {@code RecursiveCharacterTextSplitterConfig}) with
	 * the server defaults: {@code ai.chunking_recursive_character_text_splitter()}. This is also the server's
	 * default chunking.
	 * @return the configuration
	 */
	static ChunkingRecursiveCharacterTextSplitterConfig recursiveCharacterTextSplitter() {
		return new ChunkingRecursiveCharacterTextSplitterConfig(null, null, null, null, null);
	}

	/**
	 * Splits recursively on a list of separators into chunks of the given size.
	 * @param chunkSize the maximum chunk length in characters
	 * @param chunkOverlap how many characters consecutive chunks share
	 * @return the configuration
	 */
	static ChunkingRecursiveCharacterTextSplitterConfig recursiveCharacterTextSplitter(int chunkSize,
			int chunkOverlap) {
		return new ChunkingRecursiveCharacterTextSplitterConfig(null, chunkSize, chunkOverlap, null, null);
	}

	/**
	 * Embeds the whole text as one chunk: {@code ai.chunking_none()}. Required for a column destination.
	 * @return the configuration
	 */
	static ChunkingNoneConfig none() {
		return new ChunkingNoneConfig();
	}

}
