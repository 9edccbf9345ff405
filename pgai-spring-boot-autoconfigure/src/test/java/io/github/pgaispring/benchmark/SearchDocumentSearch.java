package io.github.pgaispring.benchmark;

import java.util.List;

import io.github.pgaispring.repository.EmbeddingStoreRepository;

import org.springframework.data.domain.Limit;

/** The repository method under test: a derived nearest-neighbour query by cosine distance. */
public interface SearchDocumentSearch extends EmbeddingStoreRepository<SearchDocumentEmbedding, SearchDocument> {

	/**
	 * The chunks nearest to a vector.
	 * @param vector the query vector
	 * @param limit how many
	 * @return the chunks, nearest first
	 */
	List<SearchDocumentEmbedding> findNearestByCosine(float[] vector, Limit limit);

}
