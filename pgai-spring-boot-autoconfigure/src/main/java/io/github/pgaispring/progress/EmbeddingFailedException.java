package io.github.pgaispring.progress;

/**
 * Rows {@link VectorizerAwaiter} waited for were moved to the vectorizer's failed queue instead of being embedded:
 * they failed more often than its retries allow. The errors are in {@code ai.vectorizer_errors} (and
 * {@code /actuator/pgai}).
 */
public class EmbeddingFailedException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message which rows failed and why
	 */
	public EmbeddingFailedException(String message) {
		super(message);
	}

}
