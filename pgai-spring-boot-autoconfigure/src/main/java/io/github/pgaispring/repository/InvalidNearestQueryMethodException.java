package io.github.pgaispring.repository;

import org.jspecify.annotations.Nullable;

/**
 * A {@code findNearestBy…} method of an {@link EmbeddingStoreRepository} that cannot be parsed or run, found
 * when its repository is created at startup.
 */
public class InvalidNearestQueryMethodException extends IllegalStateException {

	private final String method;

	private final String reason;

	private final @Nullable String suggestion;

	/**
	 * Creates the exception.
	 * @param method the method, as {@code Repository.method}
	 * @param reason what is wrong
	 * @param suggestion the nearest valid name of a misspelled condition property (as written in method names,
	 * {@code ParentCategory}), or {@code null}
	 */
	public InvalidNearestQueryMethodException(String method, String reason, @Nullable String suggestion) {
		super("Invalid nearest-neighbour query method " + method + ": " + reason
				+ ((suggestion != null) ? "; did you mean " + suggestion + "?" : ""));
		this.method = method;
		this.reason = reason;
		this.suggestion = suggestion;
	}

	/** The method, as {@code Repository.method}. */
	public String getMethod() {
		return this.method;
	}

	/** What is wrong. */
	public String getReason() {
		return this.reason;
	}

	/** The nearest valid name of a misspelled condition property, or {@code null}. */
	public @Nullable String getSuggestion() {
		return this.suggestion;
	}

}
