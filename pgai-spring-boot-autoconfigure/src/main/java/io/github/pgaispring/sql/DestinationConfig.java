package io.github.pgaispring.sql;

/**
 * Where the embeddings are stored ({@code destination=>} of {@code ai.create_vectorizer}).
 */
public sealed interface DestinationConfig extends VectorizerConfigPart
		permits DestinationTableConfig, DestinationColumnConfig {

	/**
	 * Stores the embeddings in a separate table with a view joining it to the source, all names derived
	 * from the source table: {@code ai.destination_table()}, the server default.
	 * @return the configuration, to refine with {@code with...} methods
	 */
	static DestinationTableConfig table() {
		return new DestinationTableConfig(null, null, null, null, null);
	}

	/**
	 * Stores the embeddings in the table {@code <destination>_store} with the view {@code <destination>}:
	 * {@code ai.destination_table(destination=>...)}.
	 * @param destination the base name
	 * @return the configuration
	 */
	static DestinationTableConfig table(String destination) {
		return new DestinationTableConfig(destination, null, null, null, null);
	}

	/**
	 * Stores one embedding per row in a column of the source table:
	 * {@code ai.destination_column(embedding_column=>...)}. Needs {@link ChunkingConfig#none()}.
	 * @param embeddingColumn the column, added if missing
	 * @return the configuration
	 */
	static DestinationColumnConfig column(String embeddingColumn) {
		return new DestinationColumnConfig(embeddingColumn);
	}

}
