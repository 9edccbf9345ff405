package io.github.pgaispring.sql;

/**
 * Builds a pgvector HNSW index: {@code ai.indexing_hnsw}. Components that are {@code null} take the server
 * defaults (100000 rows, {@code vector_cosine_ops}, pgvector's {@code m} and {@code ef_construction},
 * {@code true}).
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
