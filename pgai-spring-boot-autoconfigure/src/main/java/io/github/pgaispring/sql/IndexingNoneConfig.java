package io.github.pgaispring.sql;

/**
 * Builds no vector index: {@code ai.indexing_none()}.
 */
public record IndexingNoneConfig() implements IndexingConfig {

	@Override
	public String toSql() {
		return "ai.indexing_none()";
	}

}
