package io.github.pgaispring.worker;

/**
 * A vectorizer's configuration cannot be processed by this worker (for example an unsupported loader or
 * embedding provider). Its queue is left untouched until the configuration changes.
 */
class VectorizerConfigurationException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong and how to fix it
	 * @param cause the underlying failure, or {@code null}
	 */
	public VectorizerConfigurationException(String message, Throwable cause) {
		super(message, cause);
	}

}
