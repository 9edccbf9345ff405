package io.github.pgaispring.worker;

import java.time.Duration;

/**
 * What one batch transaction did: the rows of one or more batches of {@code batch_size} rows, claimed, embedded
 * (one embedding call per batch) and written together.
 *
 * @param status how the transaction ended
 * @param embeddedRows source rows whose embeddings were written (rows without text count too: their
 * old chunks were removed) or were current already (their formatted chunks were the stored ones)
 * @param chunks chunks (embeddings) written
 * @param skippedRows queue entries whose source row had been deleted
 * @param retriedRows rows that failed and were re-queued for another attempt
 * @param failedRows rows that failed for the last time and moved to the failed queue
 * @param embeddingCalls calls to the embedding model or provider (rows without text need none)
 * @param elapsed time spent on the transaction
 */
public record BatchResult(Status status, int embeddedRows, int chunks, int skippedRows, int retriedRows,
		int failedRows, int embeddingCalls, Duration elapsed) {

	/** A batch that found nothing to do. */
	static BatchResult of(Status status, Duration elapsed) {
		return new BatchResult(status, 0, 0, 0, 0, 0, 0, elapsed);
	}

	/** Queue entries the batch consumed. */
	public int claimedRows() {
		return this.embeddedRows + this.skippedRows + this.retriedRows + this.failedRows;
	}

	/** Whether the batch consumed queue entries, i.e. more work may be waiting. */
	public boolean claimedWork() {
		return claimedRows() > 0;
	}

	/** How a batch ended. */
	public enum Status {

		/** Rows were processed; individual rows may have failed (see the counts). */
		PROCESSED,

		/** Nothing was embedded: the embedding calls or the write failed; the rows were re-queued or failed. */
		FAILED,

		/** No due queue entries were available. */
		EMPTY,

		/** The vectorizer is disabled; nothing was claimed. */
		DISABLED,

		/** The vectorizer no longer exists. */
		NOT_FOUND

	}

}
