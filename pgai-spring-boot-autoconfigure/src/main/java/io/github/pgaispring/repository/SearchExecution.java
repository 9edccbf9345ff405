package io.github.pgaispring.repository;

/** Runs one query method of an embedding store repository. */
interface SearchExecution {

	/**
	 * Runs an invocation.
	 * @param arguments the method's arguments
	 * @return the method's result
	 */
	Object execute(Object[] arguments);

}
