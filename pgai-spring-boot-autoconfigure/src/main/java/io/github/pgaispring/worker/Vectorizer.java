package io.github.pgaispring.worker;

import java.util.List;
import java.util.OptionalInt;

import io.github.pgaispring.sql.SqlLiterals;
import tools.jackson.databind.JsonNode;

/**
 * A vectorizer as stored in pgai's catalog table {@code ai.vectorizer}.
 *
 * @param id the vectorizer id
 * @param name the unique vectorizer name
 * @param sourceSchema schema of the source table
 * @param sourceTable the source table whose rows are embedded
 * @param primaryKey the source primary key, in key order
 * @param queueSchema schema of the work queue tables
 * @param queueTable the work queue ({@code _vectorizer_q_<id>})
 * @param queueFailedTable the queue of rows that failed for good ({@code _vectorizer_q_failed_<id>})
 * @param config the stored configuration ({@code loading}, {@code embedding}, {@code chunking},
 * {@code formatting}, {@code destination}, {@code indexing}, {@code processing}, ...)
 * @param disabled whether processing is switched off ({@code ai.disable_vectorizer_schedule})
 */
public record Vectorizer(int id, String name, String sourceSchema, String sourceTable,
		List<PrimaryKeyColumn> primaryKey, String queueSchema, String queueTable, String queueFailedTable,
		JsonNode config, boolean disabled) {

	/** pgai's default number of source rows per batch. */
	public static final int DEFAULT_BATCH_SIZE = 50;

	/** pgai's default {@code loading.retries} ({@code ai.loading_column}). */
	public static final int DEFAULT_RETRIES = 6;

	/** pgai's upper bound on the batch size. */
	public static final int MAX_BATCH_SIZE = 2048;

	public Vectorizer {
		primaryKey = List.copyOf(primaryKey);
		if (primaryKey.isEmpty()) {
			throw new IllegalArgumentException(
					"Vectorizer " + name + " has no source primary key in ai.vectorizer.source_pk");
		}
		if (queueFailedTable == null) {
			queueFailedTable = "_vectorizer_q_failed_" + id;
		}
	}

	/** The quoted, schema-qualified source table. */
	public String qualifiedSource() {
		return SqlLiterals.qualifiedName(this.sourceSchema, this.sourceTable);
	}

	/** The quoted, schema-qualified work queue table. */
	public String qualifiedQueue() {
		return SqlLiterals.qualifiedName(this.queueSchema, this.queueTable);
	}

	/** The quoted, schema-qualified failed-queue table. */
	public String qualifiedFailedQueue() {
		return SqlLiterals.qualifiedName(this.queueSchema, this.queueFailedTable);
	}

	/** Where embeddings are written, from {@code config.destination}. */
	public VectorizerDestination destination() {
		JsonNode destination = this.config.path("destination");
		if ("column".equals(destination.path("implementation").asString(null))) {
			return new VectorizerDestination.Column(destination.path("embedding_column").asString(null));
		}
		return new VectorizerDestination.Table(destination.path("target_schema").asString(this.sourceSchema),
				destination.path("target_table").asString(this.sourceTable + "_embedding_store"));
	}

	/**
	 * The source column that holds the text to embed: {@code config.loading.column_name}, or the
	 * {@code chunking.chunk_column} of configurations written before pgai 0.10.
	 */
	public String loadingColumn() {
		String column = this.config.path("loading").path("column_name").asString(null);
		return (column != null) ? column : this.config.path("chunking").path("chunk_column").asString(null);
	}

	/** How the text is loaded ({@code column} or {@code uri}). */
	public String loadingImplementation() {
		return this.config.path("loading").path("implementation").asString("column");
	}

	/** The retries allowed after a row's first failed attempt ({@code config.loading.retries}), if set. */
	public OptionalInt retries() {
		JsonNode retries = this.config.path("loading").path("retries");
		return retries.isNumber() ? OptionalInt.of(retries.asInt()) : OptionalInt.empty();
	}

	/** The embedding dimensions ({@code config.embedding.dimensions}). */
	public int dimensions() {
		JsonNode dimensions = this.config.path("embedding").path("dimensions");
		if (!dimensions.isNumber()) {
			throw new IllegalStateException("Vectorizer " + this.name + " has no embedding.dimensions in its config");
		}
		return dimensions.asInt();
	}

	/**
	 * Source rows per batch: {@code config.processing.batch_size} clamped to 1..2048, else 1 for
	 * {@code loading_uri} and 50 otherwise (as pgai's worker).
	 */
	public int batchSize() {
		JsonNode batchSize = this.config.path("processing").path("batch_size");
		if (batchSize.isNumber()) {
			return Math.min(Math.max(batchSize.asInt(), 1), MAX_BATCH_SIZE);
		}
		return "uri".equals(loadingImplementation()) ? 1 : DEFAULT_BATCH_SIZE;
	}

	/** The most batches of this vectorizer to run at once ({@code config.processing.concurrency}), if set. */
	public OptionalInt concurrency() {
		JsonNode concurrency = this.config.path("processing").path("concurrency");
		return concurrency.isNumber() ? OptionalInt.of(Math.max(concurrency.asInt(), 1)) : OptionalInt.empty();
	}

	/** The {@code config.indexing} object (missing node when absent). */
	public JsonNode indexing() {
		return this.config.path("indexing");
	}

	@Override
	public String toString() {
		return "vectorizer " + this.name + " (id " + this.id + ")";
	}

}
