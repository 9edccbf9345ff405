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
 * The store belongs to the vectorizer, so this interface offers no writes.
 * <p>
 * Sub-interfaces may declare nearest-neighbour searches, which the starter implements from their names and
 * signatures (checked at startup):
 *
 * <pre class="code">
 * SearchResults&lt;BlogPostContentEmbedding&gt; findNearestByCosine(String query, Limit limit);
 * List&lt;BlogPost&gt; findNearestByCosineAndParentTitleContainingIgnoreCase(String query, String title, Limit limit);
 * List&lt;BlogPostContentEmbedding&gt; findTop5NearestByL2(float[] vector, double maxDistance);
 * </pre>
 *
 * <ul>
 * <li>Name: {@code (find|read|get|query|search|stream)[Top<n>|First<n>]NearestBy<Distance>[And<condition>]}
 * with {@code <Distance>} one of {@code Cosine}, {@code L2}/{@code Euclidean},
 * {@code InnerProduct}/{@code DotProduct}, {@code L1}/{@code Taxicab} (see {@link VectorDistance}), and
 * {@code <condition>} a Spring Data derived-query predicate over the embedding entity that reaches the parent
 * through {@code Parent…}.</li>
 * <li>Parameters: the query first (a {@code String}, embedded with the store's {@link EmbedderResolver
 * embedder}, or a {@code float[]}, {@link org.springframework.data.domain.Vector Vector} or
 * {@code List<Float>}); then one argument per condition; then, in any order, how many results (a
 * {@link org.springframework.data.domain.Limit Limit} or an {@code int}, unless the name says
 * {@code Top<n>}) and an optional threshold: a {@link org.springframework.data.domain.Similarity Similarity}
 * (at least), a {@link org.springframework.data.domain.Score Score} or a {@code double} (a distance of at
 * most).</li>
 * <li>Results: the embedding entity or the parent entity, as a {@code List}, {@code Collection},
 * {@code Iterable}, {@link org.springframework.data.domain.SearchResults SearchResults} or
 * {@code List<SearchResult<…>>}, nearest first. Parents are distinct, ranked by their nearest chunk. Scores
 * are the raw pgvector distances, or normalized similarities when the threshold is a {@code Similarity}.</li>
 * </ul>
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
