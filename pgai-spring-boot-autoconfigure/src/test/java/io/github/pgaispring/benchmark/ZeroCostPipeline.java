package io.github.pgaispring.benchmark;

import java.util.List;
import java.util.Map;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerPipeline;

/**
 * The configured chunking and formatting with an embedder that costs nothing ({@link HashedEmbedder}), so that
 * a benchmark measures the worker and the database rather than a model.
 *
 * @param configured the real pipeline, for chunking and formatting
 * @param embedder the zero-cost embedder
 */
record ZeroCostPipeline(VectorizerPipeline configured, Embedder embedder) implements VectorizerPipeline {

	/** A factory of zero-cost pipelines over the real one. */
	static PipelineFactory factory(ConfiguredPipelineFactory configured) {
		HashedEmbedder embedder = new HashedEmbedder(ManPageTable.DIMENSIONS);
		return (config) -> new ZeroCostPipeline(configured.create(config), embedder);
	}

	@Override
	public List<String> chunk(String text) {
		return this.configured.chunk(text);
	}

	@Override
	public String format(String chunk, Map<String, Object> row) {
		return this.configured.format(chunk, row);
	}

}
