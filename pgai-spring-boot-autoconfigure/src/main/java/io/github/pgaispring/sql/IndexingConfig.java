package io.github.pgaispring.sql;

/**
 * Which vector index is built on the embeddings once enough exist ({@code indexing=>} of
 * {@code ai.create_vectorizer}).
 */
public sealed interface IndexingConfig extends VectorizerConfigPart
		permits IndexingNoneConfig, IndexingDefaultConfig, IndexingHnswConfig, IndexingDiskannConfig {

	/** Builds no index: {@code ai.indexing_none()}. */
	static IndexingNoneConfig none() {
		return new IndexingNoneConfig();
	}

	/**
	 * Lets the server choose from its {@code ai.indexing_default} setting when the vectorizer is created:
	 * {@code ai.indexing_default()}, the server default.
	 */
	static IndexingDefaultConfig serverDefault() {
		return new IndexingDefaultConfig();
	}

	/** Builds a pgvector HNSW index with the server defaults: {@code ai.indexing_hnsw()}. */
	static IndexingHnswConfig hnsw() {
		return new IndexingHnswConfig(null, null, null, null, null);
	}

	/** Builds a pgvectorscale StreamingDiskANN index with the server defaults: {@code ai.indexing_diskann()}. */
	static IndexingDiskannConfig diskann() {
		return new IndexingDiskannConfig(null, null, null, null, null, null, null, null);
	}

}
