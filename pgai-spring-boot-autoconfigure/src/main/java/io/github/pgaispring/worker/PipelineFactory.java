package io.github.pgaispring.worker;

import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link VectorizerPipeline} for a vectorizer's stored configuration. The worker calls it
 * again only when the configuration changes.
 */
@FunctionalInterface
public interface PipelineFactory {

	/**
	 * Creates the pipeline.
	 * @param config the vectorizer's {@code ai.vectorizer.config}
	 * @return the pipeline
	 * @throws RuntimeException when the configuration cannot be served (unknown provider, missing API
	 * key, ...); the message should tell the user what to change
	 */
	VectorizerPipeline create(JsonNode config);

}
