package io.github.pgaispring.sql;

/**
 * Builds a pgvector HNSW index: {@code ai.indexing_hnsw}. Components that are {@code null} take the server
 * defaults ({@value #DEFAULT_MIN_ROWS} rows, {@value #DEFAULT_OPCLASS}, pgvector's {@code m} and
 * {@code ef_construction}, {@code true}), which the {@code ...OrDefault()} methods resolve for configs stored
 * without them.
 *
 * @param minRows how many embeddings must exist before the index is built
 * @param opclass the operator class, e.g. {@code vector_cosine_ops}, {@code vector_ip_ops},
 * {@code vector_l1_ops} or {@code vector_l2_ops}
 * @param m the maximum number of connections per layer
 * @param efConstruction the size of the candidate list while building
 * @param createWhenQueueEmpty whether to wait until the queue is empty
 */
public record IndexingHnswConfig(Integer minRows, String opclass, Integer m, Integer efConstruction,
		Boolean createWhenQueueEmpty) implements IndexingConfig {

	/** The default {@code min_rows} of {@code ai.indexing_hnsw}. */
	public static final int DEFAULT_MIN_ROWS = 100_000;

	/** The default {@code opclass} of {@code ai.indexing_hnsw}. */
	public static final String DEFAULT_OPCLASS = "vector_cosine_ops";

	/** {@link #minRows()}, or {@value #DEFAULT_MIN_ROWS} when unset. */
	public int minRowsOrDefault() {
		return (this.minRows != null) ? this.minRows : DEFAULT_MIN_ROWS;
	}

	/** {@link #opclass()}, or {@value #DEFAULT_OPCLASS} when unset. */
	public String opclassOrDefault() {
		return (this.opclass != null) ? this.opclass : DEFAULT_OPCLASS;
	}

	/** {@link #createWhenQueueEmpty()}, or {@code true} (the default) when unset. */
	public boolean createWhenQueueEmptyOrDefault() {
		return this.createWhenQueueEmpty == null || this.createWhenQueueEmpty;
	}

	/** Returns a copy that builds the index once the given number of embeddings exist. */
	public IndexingHnswConfig withMinRows(Integer minRows) {
		return new IndexingHnswConfig(minRows, this.opclass, this.m, this.efConstruction, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given operator class. */
	public IndexingHnswConfig withOpclass(String opclass) {
		return new IndexingHnswConfig(this.minRows, opclass, this.m, this.efConstruction, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given maximum number of connections per layer. */
	public IndexingHnswConfig withM(Integer m) {
		return new IndexingHnswConfig(this.minRows, this.opclass, m, this.efConstruction, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given build candidate list size. */
	public IndexingHnswConfig withEfConstruction(Integer efConstruction) {
		return new IndexingHnswConfig(this.minRows, this.opclass, this.m, efConstruction, this.createWhenQueueEmpty);
	}

	/** Returns a copy that waits, or not, until the queue is empty. */
	public IndexingHnswConfig withCreateWhenQueueEmpty(Boolean createWhenQueueEmpty) {
		return new IndexingHnswConfig(this.minRows, this.opclass, this.m, this.efConstruction, createWhenQueueEmpty);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.indexing_hnsw")
			.integer("min_rows", this.minRows)
			.text("opclass", this.opclass)
			.integer("m", this.m)
			.integer("ef_construction", this.efConstruction)
			.bool("create_when_queue_empty", this.createWhenQueueEmpty)
			.toSql();
	}

}
