package io.github.pgaispring.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.pgaispring.jpa.EmbeddingChunk;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * Read access to a pgai embedding store, the base of the repositories generated for
 * {@link io.github.pgaispring.jpa.Vectorized @Vectorized} attributes and of user repositories of a store.
 * <p>
 * Besides the derived queries Spring Data supports, sub-interfaces may declare nearest-neighbour searches
 * whose names start with {@code findNearestBy<Distance>} (see {@link NearestQueryMethod} for the grammar),
 * for example:
 *
 * <pre class="code">
 * SearchResults&lt;BlogPostContentEmbedding&gt; findNearestByCosine(String query, Limit limit);
 * List&lt;BlogPost&gt; findNearestByCosineAndParentTitleContainingIgnoreCase(String query, String title, Limit limit);
 * </pre>
 *
 * The store belongs to the vectorizer, so this interface offers no writes.
 *
 * @param <E> the embedding entity
 * @param <P> the parent (source) entity
 */
@NoRepositoryBean
public interface EmbeddingStoreRepository<E extends EmbeddingChunk<P>, P> extends Repository<E, UUID> {

	/**
	 * Finds a store row by its {@code embedding_uuid}.
	 * @param embeddingUuid the row's key
	 * @return the row, if present
	 */
	Optional<E> findById(UUID embeddingUuid);

	/**
	 * Returns all rows of the store.
	 * @param sort the order
	 * @return the rows
	 */
	List<E> findAll(Sort sort);

	/**
	 * Returns a page of the store's rows.
	 * @param pageable the page
	 * @return the rows of the page
	 */
	Page<E> findAll(Pageable pageable);

	/**
	 * Counts the store's rows.
	 * @return the number of rows
	 */
	long count();

	/**
	 * Returns the chunks of one parent, in chunk order.
	 * @param parent the parent entity
	 * @return its chunks
	 */
	List<E> findByParentOrderByChunkSeqAsc(P parent);

}
