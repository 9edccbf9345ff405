package io.github.pgaispring.repository;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.VectorScoringFunctions;

/**
 * The pgvector distances a nearest-neighbour query method can order by, each named in the method name
 * ({@code findNearestByCosine…}). Every distance orders ascending (nearest first), and all of them use
 * pgvector's operator so that an HNSW or IVFFlat index with the matching operator class serves the query.
 */
public enum VectorDistance {

	/** Cosine distance, {@code <=>} (operator class {@code vector_cosine_ops}), in [0, 2]. */
	COSINE("<=>", VectorScoringFunctions.COSINE, (distance) -> 1 - distance / 2, "Cosine"),

	/** Euclidean (L2) distance, {@code <->} ({@code vector_l2_ops}). */
	EUCLIDEAN("<->", VectorScoringFunctions.EUCLIDEAN, (distance) -> 1 / (1 + distance * distance), "Euclidean", "L2"),

	/** Negative inner product, {@code <#>} ({@code vector_ip_ops}): the larger the product, the nearer. */
	INNER_PRODUCT("<#>", VectorScoringFunctions.DOT_PRODUCT, (distance) -> (1 - distance) / 2, "InnerProduct",
			"DotProduct"),

	/** Taxicab (L1) distance, {@code <+>} ({@code vector_l1_ops}). */
	TAXICAB("<+>", VectorScoringFunctions.TAXICAB, null, "Taxicab", "L1");

	private final String operator;

	private final ScoringFunction scoringFunction;

	private final DoubleUnaryOperator similarity;

	private final List<String> keywords;

	VectorDistance(String operator, ScoringFunction scoringFunction, DoubleUnaryOperator similarity,
			String... keywords) {
		this.operator = operator;
		this.scoringFunction = scoringFunction;
		this.similarity = similarity;
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
		return this.similarity != null;
	}

	/**
	 * Converts a distance to Spring Data's normalized similarity: {@code 1 - d/2} for cosine,
	 * {@code 1/(1 + d²)} for Euclidean and {@code (1 - d)/2} for the negative inner product (in [0, 1] for
	 * normalized vectors).
	 * @param distance the distance
	 * @return the similarity
	 */
	public double similarity(double distance) {
		if (this.similarity == null) {
			throw new UnsupportedOperationException(name() + " distances have no normalized similarity");
		}
		return this.similarity.applyAsDouble(distance);
	}

	/**
	 * The largest distance whose similarity is at least the given one: the inverse of
	 * {@link #similarity(double)}.
	 * @param similarity the minimum similarity
	 * @return the maximum distance
	 */
	public double maxDistance(double similarity) {
		return switch (this) {
			case COSINE -> 2 * (1 - similarity);
			case EUCLIDEAN -> (similarity <= 0) ? Double.POSITIVE_INFINITY : Math.sqrt(1 / similarity - 1);
			case INNER_PRODUCT -> 1 - 2 * similarity;
			case TAXICAB -> throw new UnsupportedOperationException("TAXICAB distances have no normalized similarity");
		};
	}

}
