package io.github.pgaispring.worker;

import io.github.pgaispring.sql.Vectorizer;
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

	/**
	 * Creates the pipeline of a vectorizer; what the worker calls. The default uses the vectorizer's config only.
	 * @param vectorizer the vectorizer, with its name and {@code ai.vectorizer.config}
	 * @return the pipeline
	 * @throws RuntimeException when the configuration cannot be served
	 */
	default VectorizerPipeline create(Vectorizer vectorizer) {
		return create(vectorizer.config());
	}

}
