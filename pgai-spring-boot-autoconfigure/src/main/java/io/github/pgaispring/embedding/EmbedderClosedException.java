package io.github.pgaispring.embedding;

/**
 * Thrown when an embedder can no longer run because the application is shutting down: its model's scheduler is
 * closed, or the JVM's shutdown began before the model was loaded. Nothing is wrong with the texts; the worker
 * rolls such a batch back and leaves its rows queued, without counting an attempt.
 */
public class EmbedderClosedException extends EmbeddingException {

	/**
	 * Creates the exception.
	 * @param message what was refused and why
	 */
	public EmbedderClosedException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with its cause.
	 * @param message what was refused and why
	 * @param cause the underlying failure
	 */
	public EmbedderClosedException(String message, Throwable cause) {
		super(message, cause);
	}

}
