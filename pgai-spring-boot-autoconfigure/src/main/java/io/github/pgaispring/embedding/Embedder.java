package io.github.pgaispring.embedding;

import java.util.List;

/**
 * Turns texts into embedding vectors for one vectorizer's model. Implementations are thread-safe.
 */
public interface Embedder {

	/**
	 * Embeds documents (chunks) for storage.
	 * @param texts the texts, in order
	 * @return one vector per text, in the same order, each of {@link #dimensions()} length
	 */
	List<float[]> embedDocuments(List<String> texts);

	/**
	 * Embeds a search query. Models that distinguish queries from documents (an input type, a query
	 * prefix) override this.
	 * @param text the query
	 * @return its vector
	 */
	default float[] embedQuery(String text) {
		return embedDocuments(List.of(text)).get(0);
	}

	/** Length of the vectors this embedder returns. */
	int dimensions();

}
