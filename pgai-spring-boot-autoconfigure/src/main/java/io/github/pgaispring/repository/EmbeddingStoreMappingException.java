package io.github.pgaispring.repository;

import java.util.List;

/**
 * Thrown at startup when {@code @Vectorized} mappings and the vectorizers in the catalog disagree: a store that
 * no vectorizer writes, other dimensions, or another source table.
 */
public class EmbeddingStoreMappingException extends IllegalStateException {

	private final List<String> problems;

	private final List<String> fixes;

	/**
	 * Creates the exception.
	 * @param problems one line per disagreeing mapping
	 * @param fixes how to fix each, in the same order
	 */
	public EmbeddingStoreMappingException(List<String> problems, List<String> fixes) {
		super("Embedding stores and vectorizers disagree:\n  " + joined(problems, fixes));
		this.problems = List.copyOf(problems);
		this.fixes = List.copyOf(fixes);
	}

	private static String joined(List<String> problems, List<String> fixes) {
		StringBuilder message = new StringBuilder();
		for (int i = 0; i < problems.size(); i++) {
			message.append((i > 0) ? "\n  " : "").append(problems.get(i)).append(". ").append(fixes.get(i));
		}
		return message.toString();
	}

	/** One line per disagreeing mapping. */
	public List<String> getProblems() {
		return this.problems;
	}

	/** How to fix each problem, in the same order. */
	public List<String> getFixes() {
		return this.fixes;
	}

}
