package io.github.pgaispring.repository;

import java.util.List;

import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.VectorScoringFunctions;
import org.springframework.data.jpa.repository.query.SimilarityNormalizer;

/**
 * The pgvector distances a nearest-neighbour query method can order by, each named in the method name
 * ({@code findNearestByCosine…}). Every distance orders ascending (nearest first), and all of them use
 * pgvector's operator so that an HNSW or IVFFlat index with the matching operator class serves the query.
 * Distances and similarities are converted with Spring Data JPA's {@link SimilarityNormalizer}, the
 * conversion its own vector searches use; it has none for taxicab distances, and neither has this enum.
 */
enum VectorDistance {

	/** Cosine distance, {@code <=>} (operator class {@code vector_cosine_ops}), in [0, 2]. */
	COSINE("<=>", VectorScoringFunctions.COSINE, SimilarityNormalizer.COSINE, "Cosine"),

	/** Euclidean (L2) distance, {@code <->} ({@code vector_l2_ops}). */
	EUCLIDEAN("<->", VectorScoringFunctions.EUCLIDEAN, SimilarityNormalizer.EUCLIDEAN, "Euclidean", "L2"),

	/** Negative inner product, {@code <#>} ({@code vector_ip_ops}): the larger the product, the nearer. */
	INNER_PRODUCT("<#>", VectorScoringFunctions.DOT_PRODUCT, SimilarityNormalizer.DOT_PRODUCT, "InnerProduct",
			"DotProduct"),

	/** Taxicab (L1) distance, {@code <+>} ({@code vector_l1_ops}). */
	TAXICAB("<+>", VectorScoringFunctions.TAXICAB, null, "Taxicab", "L1");

	private final String operator;

	private final ScoringFunction scoringFunction;

	private final SimilarityNormalizer normalizer;

	private final List<String> keywords;

	VectorDistance(String operator, ScoringFunction scoringFunction, SimilarityNormalizer normalizer,
			String... keywords) {
		this.operator = operator;
		this.scoringFunction = scoringFunction;
		this.normalizer = normalizer;
		this.keywords = List.of(keywords);
	}

	/**
	 * The pgvector operator.
	 * @return the SQL operator
	 */
	public String operator() {
		return this.operator;
	}

	/**
	 * The matching Spring Data scoring function, carried by the scores of search results.
	 * @return the scoring function
	 */
	public ScoringFunction scoringFunction() {
		return this.scoringFunction;
	}

	/**
	 * The keywords that select this distance in a method name, e.g. {@code L2} and {@code Euclidean}.
	 * @return the keywords
	 */
	public List<String> keywords() {
		return this.keywords;
	}

	/**
	 * Whether distances convert to a normalized {@link org.springframework.data.domain.Similarity}.
	 * @return whether {@link #similarity(double)} is supported
	 */
	public boolean hasSimilarity() {
		return this.normalizer != null;
	}

	/**
	 * Converts a distance to Spring Data's normalized similarity: {@code 1 - d/2} for cosine,
	 * {@code 1/(1 + d²)} for Euclidean and {@code (1 - d)/2} for the negative inner product (in [0, 1] for
	 * normalized vectors).
	 * @param distance the distance
	 * @return the similarity
	 */
	public double similarity(double distance) {
		return normalizer().getSimilarity(distance);
	}

	/**
	 * The largest distance whose similarity is at least the given one: the inverse of
	 * {@link #similarity(double)}.
	 * @param similarity the minimum similarity
	 * @return the maximum distance
	 */
	public double maxDistance(double similarity) {
		SimilarityNormalizer normalizer = normalizer();
		if (this == EUCLIDEAN && similarity <= 0) {
			// every distance has a positive similarity; the normalizer would answer Float.MAX_VALUE or NaN
			return Double.POSITIVE_INFINITY;
		}
		return normalizer.getScore(similarity);
	}

	private SimilarityNormalizer normalizer() {
		if (this.normalizer == null) {
			throw new UnsupportedOperationException(name() + " distances have no normalized similarity");
		}
		return this.normalizer;
	}

}
