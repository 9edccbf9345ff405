package io.github.pgaispring.progress;

import java.time.Duration;

import org.springframework.context.ApplicationEvent;

/**
 * Published each time a vectorizer's backlog has drained in this application's worker: the worker embedded queued
 * rows of it and then found no due entry left (rows waiting for a retry's backoff may remain). Listeners run on
 * the worker's thread: keep them short, or make them {@code @Async}.
 */
public class VectorizerCaughtUpEvent extends ApplicationEvent {

	private final String vectorizer;

	private final long rows;

	private final long chunks;

	private final Duration elapsed;

	/**
	 * Creates the event.
	 * @param source the worker
	 * @param vectorizer the vectorizer name
	 * @param rows source rows embedded since its queue last was empty
	 * @param chunks chunks written meanwhile
	 * @param elapsed time from the first of these batches to the empty queue
	 */
	public VectorizerCaughtUpEvent(Object source, String vectorizer, long rows, long chunks, Duration elapsed) {
		super(source);
		this.vectorizer = vectorizer;
		this.rows = rows;
		this.chunks = chunks;
		this.elapsed = elapsed;
	}

	/** The vectorizer name. */
	public String getVectorizer() {
		return this.vectorizer;
	}

	/** Source rows embedded since the vectorizer's queue last was empty. */
	public long getRows() {
		return this.rows;
	}

	/** Chunks written meanwhile. */
	public long getChunks() {
		return this.chunks;
	}

	/** Time from the first of these batches to the empty queue. */
	public Duration getElapsed() {
		return this.elapsed;
	}

	@Override
	public String toString() {
		return "VectorizerCaughtUpEvent[" + this.vectorizer + ": " + this.rows + " rows, " + this.chunks + " chunks in "
				+ this.elapsed + "]";
	}

}
