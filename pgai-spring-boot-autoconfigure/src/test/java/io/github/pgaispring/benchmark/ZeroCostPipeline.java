package io.github.pgaispring.benchmark;

import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.PipelineFactory;

/**
 * The configured chunking and formatting with an embedder that costs nothing ({@link HashedEmbedder}), so that
 * a benchmark measures the worker and the database rather than a model.
 */
final class ZeroCostPipeline {

	private ZeroCostPipeline() {
	}

	/** A factory of zero-cost pipelines over the real one. */
	static PipelineFactory factory(ConfiguredPipelineFactory configured) {
		HashedEmbedder embedder = new HashedEmbedder(ManPageTable.DIMENSIONS);
		return (config) -> configured.create(config).withEmbedder(embedder);
	}

}
