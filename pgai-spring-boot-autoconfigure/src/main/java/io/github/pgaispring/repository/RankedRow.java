package io.github.pgaispring.repository;

/**
 * One row of a search's ranking before it takes the method's result type.
 *
 * @param content the embedding or parent entity
 * @param distance the vector distance to the query
 * @param vectorRank the 1-based rank in the vector list (the position, for a nearest search), or {@code null}
 * @param textRank the 1-based rank in the full-text list of a hybrid search, or {@code null}
 * @param textScore the full-text rank of a hybrid search, or {@code null}
 * @param fusedScore the reciprocal-rank-fusion score of a hybrid search (0 for a nearest search)
 */
record RankedRow(Object content, double distance, Integer vectorRank, Integer textRank, Double textScore,
		double fusedScore) {

	static RankedRow nearest(Object content, double distance) {
		return new RankedRow(content, distance, null, null, null, 0);
	}

}
