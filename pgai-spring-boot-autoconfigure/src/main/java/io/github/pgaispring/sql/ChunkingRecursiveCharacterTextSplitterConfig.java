package io.github.pgaispring.sql;

import java.util.Arrays;
import java.util.List;

/**
 * Splits text on the first separator of a list that yields small enough pieces, recursing with the next
 * ones: {@code ai.chunking_recursive_character_text_splitter}. Components that are {@code null} take the
 * server defaults (800, 400, {@code ["\n\n", "\n", ".", "?", "!", " ", ""]}, {@code false}).
 *
 * @param chunkColumn the source column to chunk, in pgai's legacy (before 0.10) form, or {@code null} for
 * the current form that reads the column from {@link LoadingConfig loading}; when set it is rendered as the
 * first argument {@code chunk_column=>...}
 * @param chunkSize the maximum chunk length in characters
 * @param chunkOverlap how many characters consecutive chunks share
 * @param separators the separators, tried in order
 * @param isSeparatorRegex whether the separators are regular expressions
 */
public record ChunkingRecursiveCharacterTextSplitterConfig(String chunkColumn, Integer chunkSize,
		Integer chunkOverlap, List<String> separators, Boolean isSeparatorRegex) implements ChunkingConfig {

	public ChunkingRecursiveCharacterTextSplitterConfig {
		separators = (separators != null) ? List.copyOf(separators) : null;
	}

	/** Returns a copy in the legacy form that names the column to chunk. */
	public ChunkingRecursiveCharacterTextSplitterConfig withChunkColumn(String chunkColumn) {
		return new ChunkingRecursiveCharacterTextSplitterConfig(chunkColumn, this.chunkSize, this.chunkOverlap,
				this.separators, this.isSeparatorRegex);
	}

	/** Returns a copy with the given maximum chunk length. */
	public ChunkingRecursiveCharacterTextSplitterConfig withChunkSize(Integer chunkSize) {
		return new ChunkingRecursiveCharacterTextSplitterConfig(this.chunkColumn, chunkSize, this.chunkOverlap,
				this.separators, this.isSeparatorRegex);
	}

	/** Returns a copy with the given overlap. */
	public ChunkingRecursiveCharacterTextSplitterConfig withChunkOverlap(Integer chunkOverlap) {
		return new ChunkingRecursiveCharacterTextSplitterConfig(this.chunkColumn, this.chunkSize, chunkOverlap,
				this.separators, this.isSeparatorRegex);
	}

	/** Returns a copy that splits on the given separators, tried in order. */
	public ChunkingRecursiveCharacterTextSplitterConfig withSeparators(String... separators) {
		return withSeparators(Arrays.asList(separators));
	}

	/** Returns a copy that splits on the given separators, tried in order. */
	public ChunkingRecursiveCharacterTextSplitterConfig withSeparators(List<String> separators) {
		return new ChunkingRecursiveCharacterTextSplitterConfig(this.chunkColumn, this.chunkSize, this.chunkOverlap,
				separators, this.isSeparatorRegex);
	}

	/** Returns a copy that reads the separators as regular expressions, or not. */
	public ChunkingRecursiveCharacterTextSplitterConfig withSeparatorRegex(Boolean isSeparatorRegex) {
		return new ChunkingRecursiveCharacterTextSplitterConfig(this.chunkColumn, this.chunkSize, this.chunkOverlap,
				this.separators, isSeparatorRegex);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.chunking_recursive_character_text_splitter")
			.text("chunk_column", this.chunkColumn)
			.integer("chunk_size", this.chunkSize)
			.integer("chunk_overlap", this.chunkOverlap)
			.textArray("separators", this.separators)
			.bool("is_separator_regex", this.isSeparatorRegex)
			.toSql();
	}

}
