package io.github.pgaispring.sql;

/**
 * Batch size and concurrency of the worker: {@code ai.processing_default}. Components that are {@code null}
 * take the worker's defaults (50 rows, or 1 for {@code loading_uri}; concurrency 1).
 *
 * @param batchSize how many source rows one batch takes from the queue (1 to 2048)
 * @param concurrency how many batches of this vectorizer run at once
 */
public record ProcessingDefaultConfig(Integer batchSize, Integer concurrency) implements ProcessingConfig {

	/** Returns a copy that takes the given number of rows per batch. */
	public ProcessingDefaultConfig withBatchSize(Integer batchSize) {
		return new ProcessingDefaultConfig(batchSize, this.concurrency);
	}

	/** Returns a copy that runs the given number of batches at once. */
	public ProcessingDefaultConfig withConcurrency(Integer concurrency) {
		return new ProcessingDefaultConfig(this.batchSize, concurrency);
	}

	/**
	 * The source rows per batch as pgai's worker takes them: {@link #batchSize()} clamped to 1 ..
	 * {@value ProcessingConfig#MAX_BATCH_SIZE}, else 1 for {@link LoadingUriConfig URI loading} and
	 * {@value ProcessingConfig#DEFAULT_BATCH_SIZE} otherwise.
	 * @param loading the vectorizer's loading
	 * @return the batch size
	 */
	public int batchSizeFor(LoadingConfig loading) {
		if (this.batchSize != null) {
			return Math.min(Math.max(this.batchSize, 1), MAX_BATCH_SIZE);
		}
		return (loading instanceof LoadingUriConfig) ? 1 : DEFAULT_BATCH_SIZE;
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.processing_default")
			.integer("batch_size", this.batchSize)
			.integer("concurrency", this.concurrency)
			.toSql();
	}

}
