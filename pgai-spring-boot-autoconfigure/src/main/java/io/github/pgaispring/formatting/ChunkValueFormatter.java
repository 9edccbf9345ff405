package io.github.pgaispring.formatting;

import java.util.Map;

/**
 * pgai's {@code chunk_value} formatter: the chunk is embedded as is.
 */
public final class ChunkValueFormatter implements ChunkFormatter {

	/** The shared instance (the class is stateless). */
	public static final ChunkValueFormatter INSTANCE = new ChunkValueFormatter();

	private ChunkValueFormatter() {
	}

	@Override
	public String format(String chunk, Map<String, ?> row) {
		return chunk;
	}

	@Override
	public String toString() {
		return "ChunkValueFormatter";
	}

}
