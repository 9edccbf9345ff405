package io.github.pgaispring.repository;

/**
 * A nearest-neighbour or hybrid query method was called with an argument it cannot search with: a blank
 * text, no or too many results, an unsorted-only {@code Pageable} with a sort, a query vector of the wrong
 * length. Thrown as it is (not translated to a {@code DataAccessException}), like Spring Data's own argument
 * checks, so that callers can answer it as a bad request.
 */
public class InvalidSearchArgumentException extends IllegalArgumentException {

	/**
	 * Creates the exception.
	 * @param message what is wrong with which argument
	 */
	public InvalidSearchArgumentException(String message) {
		super(message);
	}

}
