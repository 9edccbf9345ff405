package io.github.pgaispring.progress;

/** Rows were not embedded within the time {@link VectorizerAwaiter} waited; the message says what is left. */
public class EmbeddingTimeoutException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was waited for and what is left
	 */
	public EmbeddingTimeoutException(String message) {
		super(message);
	}

}
