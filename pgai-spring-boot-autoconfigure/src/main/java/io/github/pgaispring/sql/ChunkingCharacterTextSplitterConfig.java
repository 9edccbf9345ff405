package io.github.pgaispring.sql;

/**
 * Splits text on one separator, then merges the pieces into chunks of at most {@code chunkSize}
 * characters: {@code ai.chunking_character_text_splitter}. Components that are {@code null} take the
 * server defaults (800, 400, {@code "\n\n"}, {@code false}).
 *
 * @param chunkColumn the source column to chunk, in pgai's legacy (before 0.10) form, or {@code null} for
 * the current form that reads the column from {@link LoadingConfig loading}; when set it is rendered as the
 * first argument {@code chunk_column=>...}
 * @param chunkSize the maximum chunk length in characters
 * @param chunkOverlap how many characters consecutive chunks share
 * @param separator the separator to split on
 * @param isSeparatorRegex whether the separator is a regular expression
 */
public record ChunkingCharacterTextSplitterConfig(String chunkColumn, Integer chunkSize, Integer chunkOverlap,
		String separator, Boolean isSeparatorRegex) implements ChunkingConfig {

	/** Returns a copy in the legacy form that names the column to chunk. */
	public ChunkingCharacterTextSplitterConfig withChunkColumn(String chunkColumn) {
		return new ChunkingCharacterTextSplitterConfig(chunkColumn, this.chunkSize, this.chunkOverlap, this.separator,
				this.isSeparatorRegex);
	}

	/** Returns a copy with the given maximum chunk length. */
	public ChunkingCharacterTextSplitterConfig withChunkSize(Integer chunkSize) {
		return new ChunkingCharacterTextSplitterConfig(this.chunkColumn, chunkSize, this.chunkOverlap, this.separator,
				this.isSeparatorRegex);
	}

	/** Returns a copy with the given overlap. */
	public ChunkingCharacterTextSplitterConfig withChunkOverlap(Integer chunkOverlap) {
		return new ChunkingCharacterTextSplitterConfig(this.chunkColumn, this.chunkSize, chunkOverlap, this.separator,
				this.isSeparatorRegex);
	}

	/** Returns a copy that splits on the given separator. */
	public ChunkingCharacterTextSplitterConfig withSeparator(String separator) {
		return new ChunkingCharacterTextSplitterConfig(this.chunkColumn, this.chunkSize, this.chunkOverlap, separator,
				this.isSeparatorRegex);
	}

	/** Returns a copy that reads the separator as a regular expression, or not. */
	public ChunkingCharacterTextSplitterConfig withSeparatorRegex(Boolean isSeparatorRegex) {
		return new ChunkingCharacterTextSplitterConfig(this.chunkColumn, this.chunkSize, this.chunkOverlap,
				this.separator, isSeparatorRegex);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.chunking_character_text_splitter")
			.text("chunk_column", this.chunkColumn)
			.integer("chunk_size", this.chunkSize)
			.integer("chunk_overlap", this.chunkOverlap)
			.text("separator", this.separator)
			.bool("is_separator_regex", this.isSeparatorRegex)
			.toSql();
	}

}
