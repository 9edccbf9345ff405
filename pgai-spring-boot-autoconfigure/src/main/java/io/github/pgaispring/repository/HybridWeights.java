package io.github.pgaispring.repository;

/**
 * The weights of the two candidate lists of a hybrid search in reciprocal rank fusion: a result's score is
 * {@code vector / (k + vectorRank) + text / (k + textRank)}, a missing rank adding nothing. Pass it as an
 * argument of a {@code find…HybridBy…} method; without one both weigh 1.
 *
 * @param vector the weight of the vector (semantic) list, at least 0
 * @param text the weight of the full-text list, at least 0
 */
public record HybridWeights(double vector, double text) {

	/** Both lists weigh 1. */
	public static final HybridWeights EQUAL = new HybridWeights(1, 1);

	/**
	 * Checks the weights.
	 * @param vector the weight of the vector list
	 * @param text the weight of the full-text list
	 * @throws IllegalArgumentException if a weight is negative or not a number, or both are 0
	 */
	public HybridWeights {
		if (!(vector >= 0) || !(text >= 0) || Double.isInfinite(vector) || Double.isInfinite(text)
				|| (vector == 0 && text == 0)) {
			throw new InvalidSearchArgumentException("Hybrid weights must be finite, at least 0 and not both 0, not "
					+ "vector=" + vector + ", text=" + text);
		}
	}

	/**
	 * Creates weights.
	 * @param vector the weight of the vector list
	 * @param text the weight of the full-text list
	 * @return the weights
	 */
	public static HybridWeights of(double vector, double text) {
		return new HybridWeights(vector, text);
	}

}
