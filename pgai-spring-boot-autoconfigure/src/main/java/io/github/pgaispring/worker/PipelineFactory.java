package io.github.pgaispring.worker;

import io.github.pgaispring.sql.VectorizerConfig;

/**
 * Builds the {@link VectorizerPipeline} for a vectorizer's stored configuration. The worker calls it
 * again only when the configuration changes.
 */
@FunctionalInterface
public interface PipelineFactory {

	/**
	 * Creates the pipeline.
	 * @param config the vectorizer's {@code ai.vectorizer.config}, read
	 * @return the pipeline
	 * @throws RuntimeException when the configuration cannot be served (unknown provider, missing API
	 * key, ...); the message should tell the user what to change
	 */
	VectorizerPipeline create(VectorizerConfig config);

}
