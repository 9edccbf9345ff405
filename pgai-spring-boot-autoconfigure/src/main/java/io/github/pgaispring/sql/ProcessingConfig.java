package io.github.pgaispring.sql;

/**
 * How the worker batches and parallelises the vectorizer's work ({@code processing=>} of
 * {@code ai.create_vectorizer}).
 */
public sealed interface ProcessingConfig extends VectorizerConfigPart permits ProcessingDefaultConfig {

	/** pgai's worker's default number of source rows per batch (1 for {@code ai.loading_uri}). */
	int DEFAULT_BATCH_SIZE = 50;

	/** pgai's upper bound on the number of source rows per batch. */
	int MAX_BATCH_SIZE = 2048;

	/**
	 * Processes with the worker's defaults (50 rows per batch, 1 at a time): {@code ai.processing_default()}.
	 * @return the configuration, to refine with {@code with...} methods
	 */
	static ProcessingDefaultConfig defaults() {
		return new ProcessingDefaultConfig(null, null);
	}

}
