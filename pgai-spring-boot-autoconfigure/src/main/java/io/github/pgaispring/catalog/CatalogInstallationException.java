package io.github.pgaispring.catalog;

/**
 * Thrown when the {@code ai} catalog cannot be installed or upgraded. The database is left as it was.
 */
public class CatalogInstallationException extends RuntimeException {

	/**
	 * Creates an exception with a message that names the problem and its fix.
	 * @param message the message
	 */
	public CatalogInstallationException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message that names the problem and its fix.
	 * @param message the message
	 * @param cause the underlying error
	 */
	public CatalogInstallationException(String message, Throwable cause) {
		super(message, cause);
	}

}
