package io.github.pgaispring.catalog;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the {@code ai} catalog cannot be installed or upgraded. The database is left as it was.
 */
public class CatalogInstallationException extends RuntimeException {

	private final @Nullable String action;

	/**
	 * Creates an exception with a message that names the problem and its fix.
	 * @param message the message
	 */
	public CatalogInstallationException(String message) {
		super(message);
		this.action = null;
	}

	/**
	 * Creates an exception with the problem and, separately, its fix.
	 * @param message the problem
	 * @param action how to fix it
	 * @param cause the underlying error, or {@code null}
	 */
	public CatalogInstallationException(String message, String action, @Nullable Throwable cause) {
		super(message + "; " + action, cause);
		this.action = action;
	}

	/**
	 * Creates an exception with a message that names the problem and its fix.
	 * @param message the message
	 * @param cause the underlying error
	 */
	public CatalogInstallationException(String message, Throwable cause) {
		super(message, cause);
		this.action = null;
	}

	/** How to fix the problem, when the installer knows it; the message then ends with it as well. */
	public @Nullable String getAction() {
		return this.action;
	}

}
