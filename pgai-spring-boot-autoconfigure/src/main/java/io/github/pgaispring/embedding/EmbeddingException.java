package io.github.pgaispring.embedding;

/**
 * Thrown when an embedding provider cannot produce embeddings: the provider rejected the request, stayed
 * unavailable after retries, returned something unexpected, or needs a credential that is missing. The message
 * names the provider and model and says what to fix; it never contains an API key.
 */
public class EmbeddingException extends RuntimeException {

	/**
	 * Creates an exception with a message a person can act on.
	 * @param message what went wrong and how to fix it
	 */
	public EmbeddingException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message a person can act on and its underlying cause.
	 * @param message what went wrong and how to fix it
	 * @param cause the underlying failure
	 */
	public EmbeddingException(String message, Throwable cause) {
		super(message, cause);
	}

}
