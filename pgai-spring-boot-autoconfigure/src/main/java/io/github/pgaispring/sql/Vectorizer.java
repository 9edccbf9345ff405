package io.github.pgaispring.sql;

import java.util.List;
import java.util.OptionalInt;

/**
 * A vectorizer as stored in pgai's catalog table {@code ai.vectorizer}, read by {@link VectorizerCatalog}.
 * Its configuration is read once into the typed {@link VectorizerConfig}; the accessors below resolve the
 * values a stored configuration may leave out the way pgai's worker does.
 *
 * @param id the vectorizer id
 * @param name the unique vectorizer name
 * @param sourceSchema schema of the source table
 * @param sourceTable the source table whose rows are embedded
 * @param primaryKey the source primary key, in key order
 * @param queueSchema schema of the work queue tables
 * @param queueTable the work queue ({@code _vectorizer_q_<id>})
 * @param queueFailedTable the queue of rows that failed for good ({@code _vectorizer_q_failed_<id>})
 * @param storedConfig the stored configuration: its JSON text and the configuration read from it
 * @param disabled whether processing is switched off ({@code ai.disable_vectorizer_schedule})
 */
public record Vectorizer(int id, String name, String sourceSchema, String sourceTable,
		List<PrimaryKeyColumn> primaryKey, String queueSchema, String queueTable, String queueFailedTable,
		StoredVectorizerConfig storedConfig, boolean disabled) {

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

	/**
	 * The configuration ({@code loading}, {@code embedding}, {@code chunking}, {@code formatting},
	 * {@code destination}, {@code indexing}, {@code processing}, ...).
	 * @return the configuration
	 * @throws InvalidVectorizerConfigException if the stored configuration cannot be read
	 */
	public VectorizerConfig config() {
		return this.storedConfig.config();
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

	/**
	 * Where embeddings are written ({@code config.destination}), with the names the server derives filled
	 * in for a table destination.
	 */
	public DestinationConfig destination() {
		DestinationConfig destination = config().destination();
		return (destination instanceof DestinationTableConfig table) ? table.resolve(this.sourceSchema, this.sourceTable)
				: destination;
	}

	/** The source column that holds the text to embed ({@code config.loading.column_name}). */
	public String loadingColumn() {
		return config().loading().columnName();
	}

	/** How the text is loaded ({@code column} or {@code uri}). */
	public String loadingImplementation() {
		return (config().loading() instanceof LoadingUriConfig) ? "uri" : "column";
	}

	/** The retries allowed after a row's first failed attempt ({@code config.loading.retries}), if set. */
	public OptionalInt retries() {
		Integer retries = config().loading().retries();
		return (retries != null) ? OptionalInt.of(retries) : OptionalInt.empty();
	}

	/**
	 * The embedding dimensions ({@code config.embedding.dimensions}).
	 * @throws IllegalStateException if the configuration has none
	 */
	public int dimensions() {
		Integer dimensions = config().embedding().dimensions();
		if (dimensions == null) {
			throw new IllegalStateException("Vectorizer " + this.name + " has no embedding.dimensions in its config");
		}
		return dimensions;
	}

	/** Source rows per batch, as {@link ProcessingDefaultConfig#batchSizeFor(LoadingConfig)} says. */
	public int batchSize() {
		VectorizerConfig config = config();
		return ((ProcessingDefaultConfig) config.processing()).batchSizeFor(config.loading());
	}

	/**
	 * The most batches of this vectorizer to run at once ({@code config.processing.concurrency}), if set;
	 * empty also when the configuration cannot be read.
	 */
	public OptionalInt concurrency() {
		Integer concurrency = this.storedConfig.ifReadable()
			.map((config) -> ((ProcessingDefaultConfig) config.processing()).concurrency())
			.orElse(null);
		return (concurrency != null) ? OptionalInt.of(Math.max(concurrency, 1)) : OptionalInt.empty();
	}

	@Override
	public String toString() {
		return "vectorizer " + this.name + " (id " + this.id + ")";
	}

}
