package io.github.pgaispring.repository;

/**
 * The effective tuning of one query method: its {@link SearchSettings @SearchSettings}, where given, over the
 * application's {@link SearchDefaults}.
 */
record MethodTuning(Integer efSearch, IterativeScan iterativeScan, Integer maxScanTuples, int maxResults, int rrfK,
		int candidateMultiplier) {

	static MethodTuning of(SearchSettings annotation, SearchDefaults defaults, String where) {
		if (annotation == null) {
			return new MethodTuning(defaults.efSearch(), defaults.iterativeScan(), defaults.maxScanTuples(),
					defaults.maxResults(), defaults.rrfK(), defaults.candidateMultiplier());
		}
		try {
			if (annotation.efSearch() != -1) {
				SearchDefaults.checkEfSearch(annotation.efSearch(), "efSearch");
			}
			check(annotation.maxScanTuples(), 1, Integer.MAX_VALUE, "maxScanTuples");
			check(annotation.rrfK(), 1, Integer.MAX_VALUE, "rrfK");
			check(annotation.candidateMultiplier(), 1, 100, "candidateMultiplier");
		}
		catch (IllegalArgumentException ex) {
			throw NearestQueryMethod.invalid(where, "@SearchSettings " + ex.getMessage());
		}
		return new MethodTuning((annotation.efSearch() != -1) ? Integer.valueOf(annotation.efSearch()) : defaults.efSearch(),
				(annotation.iterativeScan() != IterativeScan.AUTO) ? annotation.iterativeScan() : defaults.iterativeScan(),
				(annotation.maxScanTuples() != -1) ? Integer.valueOf(annotation.maxScanTuples()) : defaults.maxScanTuples(),
				defaults.maxResults(), (annotation.rrfK() != -1) ? annotation.rrfK() : defaults.rrfK(),
				(annotation.candidateMultiplier() != -1) ? annotation.candidateMultiplier() : defaults.candidateMultiplier());
	}

	private static void check(int value, int min, int max, String name) {
		if (value != -1 && (value < min || value > max)) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (or -1 for the "
					+ "application-wide value), not " + value);
		}
	}

}
