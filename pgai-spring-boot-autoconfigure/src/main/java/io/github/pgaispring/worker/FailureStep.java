package io.github.pgaispring.worker;

/**
 * The processing step in which a row failed; stored in the failed queue's {@code failure_step} column.
 */
public enum FailureStep {

	/** Reading the text from the loading column. */
	LOADING("loading"),

	/** Splitting the text into chunks. */
	CHUNKING("chunking"),

	/** Rendering chunks with the formatting template. */
	FORMATTING("formatting"),

	/** Calling the embedding model. */
	EMBEDDING("embedding"),

	/** Writing chunks and embeddings to the destination. */
	WRITING("writing");

	private final String sqlValue;

	FailureStep(String sqlValue) {
		this.sqlValue = sqlValue;
	}

	/** The value stored in {@code failure_step}. */
	public String sqlValue() {
		return this.sqlValue;
	}

	/**
	 * The step for a stored {@code failure_step} value.
	 * @param sqlValue the stored value
	 * @return the step
	 */
	public static FailureStep fromSqlValue(String sqlValue) {
		for (FailureStep step : values()) {
			if (step.sqlValue.equals(sqlValue)) {
				return step;
			}
		}
		throw new IllegalArgumentException("Unknown failure_step '" + sqlValue + "'");
	}

}
