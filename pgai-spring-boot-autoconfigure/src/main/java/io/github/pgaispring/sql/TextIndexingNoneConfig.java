package io.github.pgaispring.sql;

/** No full-text index: {@code ai.text_indexing_none()}. */
public record TextIndexingNoneConfig() implements TextIndexingConfig {

	@Override
	public String toSql() {
		return "ai.text_indexing_none()";
	}

}
