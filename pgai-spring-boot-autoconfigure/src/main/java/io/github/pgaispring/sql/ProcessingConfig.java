package io.github.pgaispring.sql;

/**
 * How the worker batches and parallelises the vectorizer's work ({@code processing=>} of
 * {@code ai.create_vectorizer}).
 */
public sealed interface ProcessingConfig extends VectorizerConfigPart permits ProcessingDefaultConfig {

	/**
	 * Processes with the worker's defaults (50 rows per batch, 1 at a time): {@code ai.processing_default()}.
	 * @return the configuration, to refine with {@code with...} methods
	 */
	static ProcessingDefaultConfig defaults() {
		return new ProcessingDefaultConfig(null, null);
	}

}
