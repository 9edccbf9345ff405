package io.github.pgaispring.benchmark;

import java.util.List;

import io.github.pgaispring.repository.EmbeddingStoreRepository;
import io.github.pgaispring.repository.HybridSearchResult;
import io.github.pgaispring.repository.IterativeScan;
import io.github.pgaispring.repository.SearchSettings;

import org.springframework.data.domain.Limit;

/** The repository methods under test: derived nearest-neighbour and hybrid queries by cosine distance. */
public interface SearchDocumentSearch extends EmbeddingStoreRepository<SearchDocumentEmbedding, SearchDocument> {

	/**
	 * The chunks nearest to a vector.
	 * @param vector the query vector
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	List<SearchDocumentEmbedding> findNearestByCosine(float[] vector, Limit limit);

	/**
	 * The chunks nearest to a vector, searched with {@code hnsw.ef_search = 100}.
	 * @param vector the query vector
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	@SearchSettings(efSearch = 100)
	List<SearchDocumentEmbedding> searchNearestByCosine(float[] vector, Limit limit);

	/**
	 * The chunks nearest to a vector, searched with {@code hnsw.ef_search = 200}.
	 * @param vector the query vector
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	@SearchSettings(efSearch = 200)
	List<SearchDocumentEmbedding> queryNearestByCosine(float[] vector, Limit limit);

	/**
	 * The chunks nearest to a vector among sections with a title; iterative scans as the starter decides
	 * (relaxed order, re-sorted).
	 * @param vector the query vector
	 * @param title the parent's title
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	List<SearchDocumentEmbedding> findNearestByCosineAndParentTitle(float[] vector, String title, Limit limit);

	/**
	 * The same filtered search without iterative scans.
	 * @param vector the query vector
	 * @param title the parent's title
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	@SearchSettings(iterativeScan = IterativeScan.OFF)
	List<SearchDocumentEmbedding> readNearestByCosineAndParentTitle(float[] vector, String title, Limit limit);

	/**
	 * The chunks nearest in meaning to a text.
	 * @param text the query
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	List<SearchDocumentEmbedding> findNearestByCosine(String text, Limit limit);

	/**
	 * The chunks that match a text best by meaning and words.
	 * @param text the query
	 * @param limit how many
	 * @return the chunks, best fused rank first
	 */
	List<HybridSearchResult<SearchDocumentEmbedding>> findHybridByCosine(String text, Limit limit);

}
