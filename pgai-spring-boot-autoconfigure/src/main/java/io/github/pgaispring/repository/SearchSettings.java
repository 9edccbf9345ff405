package io.github.pgaispring.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tunes one nearest-neighbour or hybrid query method of an {@link EmbeddingStoreRepository}, overriding the
 * application-wide {@link SearchDefaults} ({@code pgai.search.*}). The pgvector settings are applied with
 * {@code SET LOCAL} in the query's transaction only and restored afterwards when the query joins a
 * transaction of the caller's.
 *
 * <pre class="code">
 * &#64;SearchSettings(efSearch = 100, iterativeScan = IterativeScan.STRICT_ORDER)
 * List&lt;ProductDescriptionEmbedding&gt; findNearestByCosineAndParentCategory(String query, String category, Limit limit);
 * </pre>
 *
 * Attributes left at their defaults ({@code -1}, {@link IterativeScan#AUTO}) take the application-wide value.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SearchSettings {

	/**
	 * {@code hnsw.ef_search}: the size of the HNSW candidate list (1 to 1000); larger finds more of the true
	 * nearest neighbours and costs more.
	 * @return the candidate list size, or {@code -1} for the application-wide value
	 */
	int efSearch() default -1;

	/**
	 * {@code hnsw.iterative_scan}, pgvector 0.8 and later.
	 * @return the iterative scan mode, or {@link IterativeScan#AUTO} for the application-wide value
	 */
	IterativeScan iterativeScan() default IterativeScan.AUTO;

	/**
	 * {@code hnsw.max_scan_tuples}: how many tuples an iterative scan visits at most (pgvector 0.8 and later).
	 * @return the maximum, or {@code -1} for the application-wide value
	 */
	int maxScanTuples() default -1;

	/**
	 * The {@code k} of reciprocal rank fusion in hybrid methods: a result's score is the sum of
	 * {@code weight / (k + rank)} over the candidate lists it is in.
	 * @return the constant, or {@code -1} for the application-wide value
	 */
	int rrfK() default -1;

	/**
	 * How many candidates each list of a hybrid method holds, as a multiple of the rows asked for.
	 * @return the multiple, or {@code -1} for the application-wide value
	 */
	int candidateMultiplier() default -1;

}
