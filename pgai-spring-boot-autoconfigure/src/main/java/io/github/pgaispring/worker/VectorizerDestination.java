package io.github.pgaispring.worker;

import io.github.pgaispring.sql.DestinationColumnConfig;
import io.github.pgaispring.sql.DestinationTableConfig;
import io.github.pgaispring.sql.SqlLiterals;
import io.github.pgaispring.sql.Vectorizer;

/**
 * Where a vectorizer writes its embeddings, as the worker's statements need it: a separate chunk table, or
 * a column of the source table.
 */
public sealed interface VectorizerDestination {

	/**
	 * The destination of a vectorizer's {@code config.destination}.
	 * @param vectorizer the vectorizer
	 * @return its destination
	 */
	static VectorizerDestination of(Vectorizer vectorizer) {
		if (vectorizer.destination() instanceof DestinationColumnConfig column) {
			return new Column(column.embeddingColumn());
		}
		DestinationTableConfig table = (DestinationTableConfig) vectorizer.destination();
		return new Table(table.targetSchema(), table.targetTable());
	}

	/**
	 * Chunks and embeddings go to {@code schema.table} (pgai's {@code ai.destination_table}), one row per chunk.
	 *
	 * @param schema the target schema
	 * @param table the target table, usually {@code <source>_embedding_store}
	 */
	record Table(String schema, String table) implements VectorizerDestination {

		/** The quoted {@code schema.table}. */
		public String qualifiedName() {
			return SqlLiterals.qualifiedName(this.schema, this.table);
		}

	}

	/**
	 * The embedding of the whole (unchunked) text goes to a {@code vector} column of the source row
	 * (pgai's {@code ai.destination_column}).
	 *
	 * @param column the embedding column of the source table
	 */
	record Column(String column) implements VectorizerDestination {

	}

}
