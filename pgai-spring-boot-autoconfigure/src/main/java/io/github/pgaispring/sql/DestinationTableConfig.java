package io.github.pgaispring.sql;

/**
 * Stores the embeddings in a separate table, with a view that joins it to the source:
 * {@code ai.destination_table}. Names left {@code null} are derived by the server: the target table is
 * {@code <destination>_store} or {@code <source table>_embedding_store}, the view {@code <destination>} or
 * {@code <source table>_embedding}, and both schemas the source's.
 *
 * @param destination the base name of the target table and view
 * @param targetSchema the schema of the target table
 * @param targetTable the target table
 * @param viewSchema the schema of the view
 * @param viewName the view
 */
public record DestinationTableConfig(String destination, String targetSchema, String targetTable, String viewSchema,
		String viewName) implements DestinationConfig {

	/** Returns a copy with the given base name. */
	public DestinationTableConfig withDestination(String destination) {
		return new DestinationTableConfig(destination, this.targetSchema, this.targetTable, this.viewSchema,
				this.viewName);
	}

	/** Returns a copy with the given target schema. */
	public DestinationTableConfig withTargetSchema(String targetSchema) {
		return new DestinationTableConfig(this.destination, targetSchema, this.targetTable, this.viewSchema,
				this.viewName);
	}

	/** Returns a copy with the given target table. */
	public DestinationTableConfig withTargetTable(String targetTable) {
		return new DestinationTableConfig(this.destination, this.targetSchema, targetTable, this.viewSchema,
				this.viewName);
	}

	/** Returns a copy with the given view schema. */
	public DestinationTableConfig withViewSchema(String viewSchema) {
		return new DestinationTableConfig(this.destination, this.targetSchema, this.targetTable, viewSchema,
				this.viewName);
	}

	/** Returns a copy with the given view name. */
	public DestinationTableConfig withViewName(String viewName) {
		return new DestinationTableConfig(this.destination, this.targetSchema, this.targetTable, this.viewSchema,
				viewName);
	}

	/**
	 * Fills in the names left {@code null} the way the server derives them when the vectorizer is created.
	 * Stored configurations already hold every name; this matters only for hand-written ones.
	 * @param sourceSchema the schema of the source table
	 * @param sourceTable the source table
	 * @return a copy with every name set
	 */
	public DestinationTableConfig resolve(String sourceSchema, String sourceTable) {
		String base = (this.destination != null) ? this.destination : sourceTable + "_embedding";
		return new DestinationTableConfig(this.destination, (this.targetSchema != null) ? this.targetSchema : sourceSchema,
				(this.targetTable != null) ? this.targetTable : base + "_store",
				(this.viewSchema != null) ? this.viewSchema : sourceSchema,
				(this.viewName != null) ? this.viewName : base);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.destination_table")
			.text("destination", this.destination)
			.text("target_schema", this.targetSchema)
			.text("target_table", this.targetTable)
			.text("view_schema", this.viewSchema)
			.text("view_name", this.viewName)
			.toSql();
	}

}
