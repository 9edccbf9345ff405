package io.github.pgaispring.sql;

import java.util.List;

/**
 * Thrown when a declared vectorizer exists with a different stored configuration. pgai has no way to
 * alter a vectorizer in place; changing it means dropping it with its embeddings and creating it again,
 * which re-embeds every row.
 */
public class VectorizerDefinitionChangedException extends IllegalStateException {

	private final String vectorizerName;

	private final List<String> differences;

	/**
	 * Creates the exception.
	 * @param vectorizerName the vectorizer
	 * @param differences one line per differing part
	 */
	public VectorizerDefinitionChangedException(String vectorizerName, List<String> differences) {
		super("Vectorizer '" + vectorizerName + "' exists with a different configuration:\n  "
				+ String.join("\n  ", differences));
		this.vectorizerName = vectorizerName;
		this.differences = List.copyOf(differences);
	}

	/** The vectorizer's name. */
	public String getVectorizerName() {
		return this.vectorizerName;
	}

	/** One line per part whose declared and stored configuration differ. */
	public List<String> getDifferences() {
		return this.differences;
	}

}
