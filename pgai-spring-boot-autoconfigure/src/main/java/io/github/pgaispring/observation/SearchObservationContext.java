package io.github.pgaispring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** The context of a {@link PgaiObservationDocumentation#SEARCH} observation: one repository search. */
public class SearchObservationContext extends Observation.Context {

	private final String store;

	private final String method;

	private final @Nullable Integer limit;

	private int results;

	/**
	 * Creates the context of one search.
	 * @param store the schema-qualified embedding store table
	 * @param method the repository method, as {@code Interface.method}
	 * @param limit the most results asked for, or {@code null} without a limit
	 */
	public SearchObservationContext(String store, String method, @Nullable Integer limit) {
		this.store = store;
		this.method = method;
		this.limit = limit;
	}

	/** The schema-qualified embedding store table. */
	public String getStore() {
		return this.store;
	}

	/** The repository method, as {@code Interface.method}. */
	public String getMethod() {
		return this.method;
	}

	/** The most results asked for, or {@code null} without a limit. */
	public @Nullable Integer getLimit() {
		return this.limit;
	}

	/** The results returned (0 until the search is done). */
	public int getResults() {
		return this.results;
	}

	/**
	 * Records the number of results returned.
	 * @param results the results
	 */
	public void setResults(int results) {
		this.results = results;
	}

}
