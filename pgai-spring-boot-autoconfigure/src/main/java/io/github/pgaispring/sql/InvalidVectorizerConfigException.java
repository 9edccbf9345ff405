package io.github.pgaispring.sql;

/**
 * Thrown when a stored vectorizer configuration cannot be read: it is not a JSON object, a part is
 * missing, a value has the wrong type, or an implementation is not supported.
 */
public class InvalidVectorizerConfigException extends IllegalArgumentException {

	/**
	 * Creates an exception with the given message.
	 * @param message what is wrong and how to fix it
	 */
	public InvalidVectorizerConfigException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with the given message and cause.
	 * @param message what is wrong and how to fix it
	 * @param cause the underlying failure
	 */
	public InvalidVectorizerConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
