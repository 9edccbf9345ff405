package io.github.pgaispring.sample.blog;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;

/**
 * Semantic search over the chunks of the posts' content. The starter implements the
 * {@code findNearestBy…} methods from their names: a {@code String} query is embedded with the
 * vectorizer's model, and chunks come back nearest first with their cosine distance as score.
 */
public interface BlogPostSearch extends BlogPostContentEmbeddingRepository {

	/**
	 * Finds the chunks nearest in meaning to a text.
	 * @param query the search text
	 * @param limit how many chunks
	 * @return the chunks with their cosine distances, nearest first
	 */
	SearchResults<BlogPostContentEmbedding> findNearestByCosine(String query, Limit limit);

	/**
	 * Finds the chunks nearest to a text among posts whose title contains a word.
	 * @param query the search text
	 * @param title the text the post title must contain (ignoring case)
	 * @param limit how many chunks
	 * @return the chunks with their cosine distances, nearest first
	 */
	SearchResults<BlogPostContentEmbedding> findNearestByCosineAndParentTitleContainingIgnoreCase(String query,
			String title, Limit limit);

	/**
	 * Finds the chunks nearest to a vector the application already has.
	 * @param vector a 384-dimensional vector
	 * @param limit how many chunks
	 * @return the chunks, nearest first
	 */
	List<BlogPostContentEmbedding> findNearestByCosine(float[] vector, Limit limit);

	/**
	 * Returns every chunk of every post.
	 * @return all rows of the embedding store
	 */
	List<BlogPostContentEmbedding> findAll();

}
