package io.github.pgaispring.embedding;

import io.github.pgaispring.sql.EmbeddingOnnxConfig;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The starter's provider for {@code onnx} ({@code ai.embedding_onnx}): an {@link OnnxEmbedder} running one of
 * the bundled models in-process ({@code all-minilm-l6-v2} unless the configuration names another).
 */
public final class OnnxEmbeddingProvider implements StarterEmbeddingProvider<EmbeddingOnnxConfig> {

	private final OnnxScheduler scheduler;

	/**
	 * Creates the provider.
	 * @param scheduler runs every ONNX embedder of the provider, documents and queries alike; its thread count
	 * bounds the CPU used
	 */
	public OnnxEmbeddingProvider(OnnxScheduler scheduler) {
		Assert.notNull(scheduler, "scheduler must not be null");
		this.scheduler = scheduler;
	}

	@Override
	public String implementation() {
		return "onnx";
	}

	@Override
	public Class<EmbeddingOnnxConfig> configType() {
		return EmbeddingOnnxConfig.class;
	}

	@Override
	public Embedder createEmbedder(EmbeddingOnnxConfig config) {
		OnnxModel model = StringUtils.hasText(config.model()) ? OnnxModel.forName(config.model())
				: OnnxModel.ALL_MINILM_L6_V2;
		Integer dimensions = config.dimensions();
		Assert.isTrue(dimensions == null || dimensions == model.dimensions(),
				() -> "The ONNX model '" + model.modelName() + "' produces " + model.dimensions()
						+ "-dimensional embeddings but the embedding configuration says dimensions " + dimensions
						+ "; set dimensions to " + model.dimensions());
		return new OnnxEmbedder(model, this.scheduler);
	}

	@Override
	public String toString() {
		return "the starter's ONNX provider";
	}

}
