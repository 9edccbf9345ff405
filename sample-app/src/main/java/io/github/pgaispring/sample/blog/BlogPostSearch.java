package io.github.pgaispring.sample.blog;

import java.util.List;

import io.github.pgaispring.repository.HybridSearchResult;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;

/**
 * Search over the chunks of the posts' content. The starter implements the {@code findNearestBy…} and
 * {@code findHybridBy…} methods from their names: a {@code String} query is embedded with the vectorizer's
 * model; nearest searches rank chunks by cosine distance, hybrid searches fuse that ranking with PostgreSQL's
 * full-text ranking of the same chunks (the store's text index, {@code text-indexing} in application.yml).
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
	 * Finds a page of the chunks nearest in meaning to a text.
	 * @param query the search text
	 * @param pageable the page (unsorted)
	 * @return the chunks with their cosine distances, nearest first
	 */
	List<SearchResult<BlogPostContentEmbedding>> findNearestByCosine(String query, Pageable pageable);

	/**
	 * Finds a page of the chunks nearest to a text among posts whose title contains a word.
	 * @param query the search text
	 * @param title the text the post title must contain (ignoring case)
	 * @param pageable the page (unsorted)
	 * @return the chunks with their cosine distances, nearest first
	 */
	List<SearchResult<BlogPostContentEmbedding>> findNearestByCosineAndParentTitleContainingIgnoreCase(String query,
			String title, Pageable pageable);

	/**
	 * Finds a page of the chunks that best match a text by meaning and by words.
	 * @param query the search text
	 * @param pageable the page (unsorted)
	 * @return the chunks with both ranks and the fused score, best first
	 */
	List<HybridSearchResult<BlogPostContentEmbedding>> findHybridByCosine(String query, Pageable pageable);

	/**
	 * Finds a page of the chunks that best match a text by meaning and by words, among posts whose title
	 * contains a word.
	 * @param query the search text
	 * @param title the text the post title must contain (ignoring case)
	 * @param pageable the page (unsorted)
	 * @return the chunks with both ranks and the fused score, best first
	 */
	List<HybridSearchResult<BlogPostContentEmbedding>> findHybridByCosineAndParentTitleContainingIgnoreCase(
			String query, String title, Pageable pageable);

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
