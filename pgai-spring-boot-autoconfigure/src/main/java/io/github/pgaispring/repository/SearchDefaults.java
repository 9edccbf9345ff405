package io.github.pgaispring.repository;

/**
 * Application-wide settings of the nearest-neighbour and hybrid query methods (the starter binds them from
 * {@code pgai.search.*}); {@link SearchSettings @SearchSettings} overrides them per method.
 *
 * @param efSearch {@code hnsw.ef_search} (1 to 1000), or {@code null} for the database's value
 * @param iterativeScan {@code hnsw.iterative_scan}
 * @param maxScanTuples {@code hnsw.max_scan_tuples} (at least 1), or {@code null} for the database's value
 * @param maxResults the most rows one call may ask for, offset included (1 to 100000)
 * @param rrfK the {@code k} of reciprocal rank fusion (at least 1)
 * @param candidateMultiplier how many candidates each hybrid list holds, as a multiple of the rows asked for
 * (1 to 100)
 */
public record SearchDefaults(Integer efSearch, IterativeScan iterativeScan, Integer maxScanTuples, int maxResults,
		int rrfK, int candidateMultiplier) {

	/** The default {@link #maxResults()}. */
	public static final int DEFAULT_MAX_RESULTS = 1000;

	/** The default {@link #rrfK()}, as in the RRF paper, LangChain4j and pg_vectorize. */
	public static final int DEFAULT_RRF_K = 60;

	/** The default {@link #candidateMultiplier()}. */
	public static final int DEFAULT_CANDIDATE_MULTIPLIER = 4;

	/** pgvector's default {@code hnsw.ef_search}. */
	static final int PGVECTOR_EF_SEARCH = 40;

	/**
	 * Checks the settings.
	 * @throws IllegalArgumentException naming the setting that is out of range
	 */
	public SearchDefaults {
		if (efSearch != null) {
			checkEfSearch(efSearch, "efSearch");
		}
		if (iterativeScan == null) {
			iterativeScan = IterativeScan.AUTO;
		}
		if (maxScanTuples != null && maxScanTuples < 1) {
			throw new IllegalArgumentException("maxScanTuples must be at least 1, not " + maxScanTuples);
		}
		check(maxResults, 1, 100_000, "maxResults");
		check(rrfK, 1, Integer.MAX_VALUE, "rrfK");
		check(candidateMultiplier, 1, 100, "candidateMultiplier");
	}

	/**
	 * The defaults: the database's HNSW settings, {@link IterativeScan#AUTO}, at most
	 * {@value #DEFAULT_MAX_RESULTS} results, RRF k {@value #DEFAULT_RRF_K} and candidate lists of
	 * {@value #DEFAULT_CANDIDATE_MULTIPLIER} times the rows asked for.
	 * @return the defaults
	 */
	public static SearchDefaults defaults() {
		return new SearchDefaults(null, IterativeScan.AUTO, null, DEFAULT_MAX_RESULTS, DEFAULT_RRF_K,
				DEFAULT_CANDIDATE_MULTIPLIER);
	}

	static void checkEfSearch(int efSearch, String name) {
		check(efSearch, 1, 1000, name);
	}

	private static void check(int value, int min, int max, String name) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
		}
	}

}
