package io.github.pgaispring.sql;

/**
 * Builds a pgvectorscale StreamingDiskANN index: {@code ai.indexing_diskann}. Needs the
 * {@code vectorscale} extension. Components that are {@code null} take the server or extension defaults.
 *
 * @param minRows how many embeddings must exist before the index is built (server default 100000)
 * @param storageLayout {@code memory_optimized} or {@code plain}
 * @param numNeighbors the maximum number of neighbors per node
 * @param searchListSize the size of the candidate list while building
 * @param maxAlpha the alpha parameter of the pruning algorithm
 * @param numDimensions how many dimensions to index
 * @param numBitsPerDimension bits per dimension for statistical binary quantization
 * @param createWhenQueueEmpty whether to wait until the queue is empty (server default {@code true})
 */
public record IndexingDiskannConfig(Integer minRows, String storageLayout, Integer numNeighbors,
		Integer searchListSize, Double maxAlpha, Integer numDimensions, Integer numBitsPerDimension,
		Boolean createWhenQueueEmpty) implements IndexingConfig {

	/** Returns a copy that builds the index once the given number of embeddings exist. */
	public IndexingDiskannConfig withMinRows(Integer minRows) {
		return new IndexingDiskannConfig(minRows, this.storageLayout, this.numNeighbors, this.searchListSize,
				this.maxAlpha, this.numDimensions, this.numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given storage layout. */
	public IndexingDiskannConfig withStorageLayout(String storageLayout) {
		return new IndexingDiskannConfig(this.minRows, storageLayout, this.numNeighbors, this.searchListSize,
				this.maxAlpha, this.numDimensions, this.numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given maximum number of neighbors. */
	public IndexingDiskannConfig withNumNeighbors(Integer numNeighbors) {
		return new IndexingDiskannConfig(this.minRows, this.storageLayout, numNeighbors, this.searchListSize,
				this.maxAlpha, this.numDimensions, this.numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given build candidate list size. */
	public IndexingDiskannConfig withSearchListSize(Integer searchListSize) {
		return new IndexingDiskannConfig(this.minRows, this.storageLayout, this.numNeighbors, searchListSize,
				this.maxAlpha, this.numDimensions, this.numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given pruning alpha. */
	public IndexingDiskannConfig withMaxAlpha(Double maxAlpha) {
		return new IndexingDiskannConfig(this.minRows, this.storageLayout, this.numNeighbors, this.searchListSize,
				maxAlpha, this.numDimensions, this.numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy that indexes the given number of dimensions. */
	public IndexingDiskannConfig withNumDimensions(Integer numDimensions) {
		return new IndexingDiskannConfig(this.minRows, this.storageLayout, this.numNeighbors, this.searchListSize,
				this.maxAlpha, numDimensions, this.numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy with the given bits per dimension. */
	public IndexingDiskannConfig withNumBitsPerDimension(Integer numBitsPerDimension) {
		return new IndexingDiskannConfig(this.minRows, this.storageLayout, this.numNeighbors, this.searchListSize,
				this.maxAlpha, this.numDimensions, numBitsPerDimension, this.createWhenQueueEmpty);
	}

	/** Returns a copy that waits, or not, until the queue is empty. */
	public IndexingDiskannConfig withCreateWhenQueueEmpty(Boolean createWhenQueueEmpty) {
		return new IndexingDiskannConfig(this.minRows, this.storageLayout, this.numNeighbors, this.searchListSize,
				this.maxAlpha, this.numDimensions, this.numBitsPerDimension, createWhenQueueEmpty);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.indexing_diskann")
			.integer("min_rows", this.minRows)
			.text("storage_layout", this.storageLayout)
			.integer("num_neighbors", this.numNeighbors)
			.integer("search_list_size", this.searchListSize)
			.number("max_alpha", this.maxAlpha)
			.integer("num_dimensions", this.numDimensions)
			.integer("num_bits_per_dimension", this.numBitsPerDimension)
			.bool("create_when_queue_empty", this.createWhenQueueEmpty)
			.toSql();
	}

}
