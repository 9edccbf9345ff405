package io.github.pgaispring.observation;

import io.micrometer.observation.Observation;

/**
 * The context of a {@link PgaiObservationDocumentation#WORKER_BATCH} observation: the vectorizer, and once the
 * batch is done, what it did.
 */
public class BatchObservationContext extends Observation.Context {

	private final String vectorizer;

	private String status = "error";

	private int rows;

	private int chunks;

	private int failedRows;

	/**
	 * Creates the context of one batch.
	 * @param vectorizer the vectorizer name
	 */
	public BatchObservationContext(String vectorizer) {
		this.vectorizer = vectorizer;
	}

	/** The vectorizer name. */
	public String getVectorizer() {
		return this.vectorizer;
	}

	/**
	 * How the batch ended, in lower case ({@code processed}, {@code failed}, {@code empty}, ...), or
	 * {@code error} while it has not ended or when it was rolled back.
	 */
	public String getStatus() {
		return this.status;
	}

	/** Source rows embedded. */
	public int getRows() {
		return this.rows;
	}

	/** Chunks written. */
	public int getChunks() {
		return this.chunks;
	}

	/** Rows re-queued for a retry or moved to the failed queue. */
	public int getFailedRows() {
		return this.failedRows;
	}

	/**
	 * Records what the batch did.
	 * @param status how it ended, in lower case
	 * @param rows source rows embedded
	 * @param chunks chunks written
	 * @param failedRows rows re-queued or moved to the failed queue
	 */
	public void setOutcome(String status, int rows, int chunks, int failedRows) {
		this.status = status;
		this.rows = rows;
		this.chunks = chunks;
		this.failedRows = failedRows;
	}

}
