package io.github.pgaispring.formatting;

import java.util.Collection;
import java.util.Map;

/**
 * Turns a chunk into the text that gets embedded and stored in the {@code chunk} column, like the formatting
 * step of a pgai vectorizer ({@code ai.formatting_*} configuration). Implementations are immutable and
 * thread-safe.
 */
public interface ChunkFormatter {

	/**
	 * Formats one chunk.
	 * @param chunk the chunk text
	 * @param row all source columns of the row the chunk comes from, by column name, as read by JDBC
	 * @return the text to embed
	 * @throws IllegalArgumentException if the row lacks a value the formatter needs
	 */
	String format(String chunk, Map<String, ?> row);

	/**
	 * Checks, before any row is processed, that rows with these columns can be formatted.
	 * @param columns the names of the source table's columns
	 * @throws IllegalArgumentException naming the problem and the fix if they cannot
	 */
	default void validateColumns(Collection<String> columns) {
	}

}
