package io.github.pgaispring.chunking;

import java.util.List;

/**
 * Splits the text of one source row into the chunks that get embedded, like the chunking step of a pgai
 * vectorizer ({@code ai.chunking_*} configuration). Implementations are immutable and thread-safe.
 */
public interface TextChunker {

	/**
	 * Splits a text into chunks.
	 * @param text the text to split; {@code null} is treated like an empty text, as pgai does
	 * @return the chunks, in document order; empty when the text yields no chunk
	 */
	List<String> split(String text);

}
