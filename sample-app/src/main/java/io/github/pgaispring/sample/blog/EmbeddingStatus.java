package io.github.pgaispring.sample.blog;

import java.util.List;

/**
 * How far the vectorizers have come: posts whose latest version is not embedded yet are still queued.
 *
 * @param posts number of posts
 * @param chunks number of embedded chunks
 * @param upToDate whether no vectorizer has queued work, so every post is searchable as it is now
 * @param vectorizers every vectorizer, from pgai's {@code ai.vectorizer_status} view
 */
public record EmbeddingStatus(long posts, long chunks, boolean upToDate, List<Vectorizer> vectorizers) {

	/**
	 * One row of {@code ai.vectorizer_status}.
	 *
	 * @param name the vectorizer name
	 * @param sourceTable the table it embeds
	 * @param targetTable the embedding store it writes
	 * @param pendingItems queued rows not embedded yet (counted up to 10,000, beyond that reported as
	 * {@link Long#MAX_VALUE})
	 * @param disabled whether the vectorizer is switched off
	 */
	public record Vectorizer(String name, String sourceTable, String targetTable, long pendingItems, boolean disabled) {

	}

}
