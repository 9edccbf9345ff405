package io.github.pgaispring.repository;

/**
 * A pgai embedding store as its repositories see it: the mapped entity and the physical table.
 *
 * @param entityClass the embedding entity
 * @param parentClass the parent (source) entity
 * @param schema the table's schema, or {@code null} for the connection's current schema
 * @param table the table name
 * @param dimensions the length of the stored vectors
 */
public record EmbeddingStoreTable(Class<?> entityClass, Class<?> parentClass, String schema, String table,
		int dimensions) {

	/**
	 * The name pgai gives a vectorizer writing to this table by default, {@code <schema>_<table>}.
	 * @param defaultSchema the schema to assume when {@link #schema()} is {@code null}, usually
	 * {@code public}
	 * @return the default vectorizer name
	 */
	public String defaultVectorizerName(String defaultSchema) {
		return ((this.schema != null) ? this.schema : defaultSchema) + "_" + this.table;
	}

}
