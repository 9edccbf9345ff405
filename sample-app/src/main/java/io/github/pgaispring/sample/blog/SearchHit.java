package io.github.pgaispring.sample.blog;

/**
 * A chunk found by a search.
 *
 * @param postId the post the chunk belongs to
 * @param title the post's title
 * @param chunk the embedded text, as the vectorizer formatted it ({@code $title - $chunk})
 * @param distance the cosine distance to the query (0 = same direction, 2 = opposite)
 * @param vectorRank the chunk's rank by meaning (1 = nearest), or {@code null} if a hybrid search found it by
 * its words only
 * @param textRank the chunk's rank in the full-text list of a hybrid search, or {@code null}
 * @param score the fused score of a hybrid search (higher is better), or {@code null} in vector mode
 */
public record SearchHit(long postId, String title, String chunk, double distance, Integer vectorRank,
		Integer textRank, Double score) {

}
