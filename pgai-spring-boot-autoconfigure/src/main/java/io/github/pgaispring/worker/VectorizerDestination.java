package io.github.pgaispring.worker;

import io.github.pgaispring.sql.SqlLiterals;

/**
 * Where a vectorizer writes its embeddings: a separate chunk table, or a column of the source table.
 */
public sealed interface VectorizerDestination {

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
