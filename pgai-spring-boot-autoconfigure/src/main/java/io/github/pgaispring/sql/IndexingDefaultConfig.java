package io.github.pgaispring.sql;

/**
 * Lets the server choose the index from its {@code ai.indexing_default} setting when the vectorizer is
 * created ({@code indexing_hnsw}, {@code indexing_diskann}, otherwise none): {@code ai.indexing_default()}.
 */
public record IndexingDefaultConfig() implements IndexingConfig {

	@Override
	public String toSql() {
		return "ai.indexing_default()";
	}

}
