package io.github.pgaispring.sql;

/**
 * Uses each chunk as it is: {@code ai.formatting_chunk_value()}, an addition of this project that stores
 * pgai's {@code chunk_value} formatting.
 */
public record FormattingChunkValueConfig() implements FormattingConfig {

	@Override
	public String toSql() {
		return "ai.formatting_chunk_value()";
	}

}
