package io.github.pgaispring.sample.blog;

/**
 * A chunk found by a semantic search.
 *
 * @param postId the post the chunk belongs to
 * @param title the post's title
 * @param chunk the embedded text, as the vectorizer formatted it ({@code $title - $chunk})
 * @param distance the cosine distance to the query (0 = same direction, 2 = opposite)
 */
public record SearchHit(long postId, String title, String chunk, double distance) {

}
