package io.github.pgaispring.repository;

/**
 * pgvector's iterative index scans ({@code hnsw.iterative_scan}, pgvector 0.8 and later): whether an HNSW
 * scan that ran out of its {@code ef_search} candidates before enough rows passed the query's conditions goes
 * on searching the graph, up to {@code hnsw.max_scan_tuples} tuples.
 */
public enum IterativeScan {

	/**
	 * The starter decides per query: {@link #RELAXED_ORDER} (results re-sorted by distance) when the query has
	 * conditions and asks for no page; {@link #STRICT_ORDER} for pages ({@code Pageable}, {@code ScrollPosition})
	 * and for queries that ask for more rows than {@code ef_search}, so that pages are slices of one larger
	 * query; nothing is set otherwise (pgvector's default, {@code off}).
	 */
	AUTO(null),

	/** No iterative scans ({@code off}, pgvector's default). */
	OFF("off"),

	/** Iterative scans that return rows in exact distance order ({@code strict_order}). */
	STRICT_ORDER("strict_order"),

	/**
	 * Iterative scans that may return rows slightly out of order ({@code relaxed_order}), faster and with better
	 * recall; the starter re-sorts the rows by distance.
	 */
	RELAXED_ORDER("relaxed_order");

	private final String setting;

	IterativeScan(String setting) {
		this.setting = setting;
	}

	/** The value of {@code hnsw.iterative_scan}, or {@code null} for {@link #AUTO}. */
	String setting() {
		return this.setting;
	}

}
