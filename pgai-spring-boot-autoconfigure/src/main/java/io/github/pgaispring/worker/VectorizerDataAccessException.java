package io.github.pgaispring.worker;

import java.sql.SQLException;

/**
 * The database could not be read or written while working on vectorizers.
 */
public class VectorizerDataAccessException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what was being done
	 * @param cause the JDBC failure
	 */
	public VectorizerDataAccessException(String message, SQLException cause) {
		super(message + ": " + cause.getMessage(), cause);
	}

}
