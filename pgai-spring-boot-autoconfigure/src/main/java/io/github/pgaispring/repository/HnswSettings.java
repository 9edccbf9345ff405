package io.github.pgaispring.repository;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The pgvector settings one query runs with ({@code SET LOCAL}), and whether its rows must be re-sorted by
 * distance because the index returns them in relaxed order.
 *
 * @param values the settings by name, in the order they are set; empty for none
 * @param relaxedOrder whether the rows come from a {@code relaxed_order} iterative scan
 */
record HnswSettings(Map<String, String> values, boolean relaxedOrder) {

	static final HnswSettings NONE = new HnswSettings(Map.of(), false);

	static final String EF_SEARCH = "hnsw.ef_search";

	static final String ITERATIVE_SCAN = "hnsw.iterative_scan";

	static final String MAX_SCAN_TUPLES = "hnsw.max_scan_tuples";

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * The settings for one query.
	 * @param tuning the method's tuning
	 * @param filtered whether the query has conditions
	 * @param paged whether the query returns a page of a longer result ({@code Pageable}, {@code ScrollPosition})
	 * @param rows how many rows the index must produce, offset included
	 * @param iterativeScans whether the database's pgvector has iterative index scans (0.8 or later); only asked
	 * when an iterative scan would be used
	 * @return the settings
	 */
	static HnswSettings of(MethodTuning tuning, boolean filtered, boolean paged, int rows,
			BooleanSupplier iterativeScans) {
		int efSearch = (tuning.efSearch() != null) ? tuning.efSearch() : SearchDefaults.PGVECTOR_EF_SEARCH;
		IterativeScan mode = tuning.iterativeScan();
		if (mode == IterativeScan.AUTO) {
			mode = (filtered && !paged) ? IterativeScan.RELAXED_ORDER
					: (paged || rows > efSearch) ? IterativeScan.STRICT_ORDER : null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		boolean iterative = mode == IterativeScan.STRICT_ORDER || mode == IterativeScan.RELAXED_ORDER;
		if ((iterative || mode == IterativeScan.OFF || tuning.maxScanTuples() != null) && !iterativeScans.getAsBoolean()) {
			// pgvector before 0.8: no iterative scans; a larger candidate list is the closest it comes
			if (iterative && rows > efSearch) {
				values.put(EF_SEARCH, String.valueOf(Math.min(rows, 1000)));
			}
			else if (tuning.efSearch() != null) {
				values.put(EF_SEARCH, String.valueOf(efSearch));
			}
			return values.isEmpty() ? NONE : new HnswSettings(Map.copyOf(values), false);
		}
		if (tuning.efSearch() != null) {
			values.put(EF_SEARCH, String.valueOf(efSearch));
		}
		if (mode != null) {
			values.put(ITERATIVE_SCAN, mode.setting());
		}
		if (tuning.maxScanTuples() != null) {
			values.put(MAX_SCAN_TUPLES, String.valueOf(tuning.maxScanTuples()));
		}
		return values.isEmpty() ? NONE : new HnswSettings(values, mode == IterativeScan.RELAXED_ORDER);
	}

}
