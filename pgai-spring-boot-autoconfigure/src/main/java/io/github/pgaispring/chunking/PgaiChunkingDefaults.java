package io.github.pgaispring.chunking;

import java.util.List;

/**
 * The defaults of pgai's SQL chunking functions ({@code ai.chunking_character_text_splitter} and
 * {@code ai.chunking_recursive_character_text_splitter}).
 */
public final class PgaiChunkingDefaults {

	/** Default maximum chunk length, in Unicode code points. */
	public static final int CHUNK_SIZE = 800;

	/** Default overlap between consecutive chunks, in Unicode code points. */
	public static final int CHUNK_OVERLAP = 400;

	/** Default separator of the character splitter: a blank line. */
	public static final String CHARACTER_SEPARATOR = "\n\n";

	/** Default separators of the recursive splitter, tried in order. */
	public static final List<String> RECURSIVE_SEPARATORS = List.of("\n\n", "\n", ".", "?", "!", " ", "");

	private PgaiChunkingDefaults() {
	}

}
