package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.data.domain.Limit;

/**
 * Selective filters on the parent (1 % and 0.1 % of the stored chunks) on the 100,000 HNSW-indexed vectors:
 * how many of k = 10 rows come back, their recall against exact filtered search, and latency, through the
 * repository (iterative scans as the starter decides, and off) and through bare JDBC with the HNSW plan forced.
 */
final class FilterSection {

	private static final int K = 10;

	/** Parent titles, and the share of parents (and so of chunks) that carry each. */
	static final String[][] FILTERS = { { "one-percent", "1 %" }, { "tenth-percent", "0.1 %" } };

	private FilterSection() {
	}

	/** Gives {@code parents} source rows titles: 1 % {@code one-percent}, 0.1 % {@code tenth-percent}. */
	static void createParents(DataSource dataSource, int parents) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("insert into search_documents (id, title, content) select i, case when i % 100 = 0 then "
					+ "'one-percent' when i % 1000 = 7 then 'tenth-percent' else 'other' end, '' "
					+ "from generate_series(1, " + parents + ") i");
			statement.execute("analyze search_documents");
		}
	}

	static void run(SearchDocumentSearch repository, DataSource dataSource, List<float[]> queries) throws SQLException {
		Report.section("1b. Selective filters on the parent (k = " + K + "), " + queries.size() + " queries each");
		for (String[] filter : FILTERS) {
			String title = filter[0];
			repository.findNearestByCosineAndParentTitle(queries.get(0), title, Limit.of(K));
			String sql = SqlCapture.last();
			List<List<UUID>> exact = new java.util.ArrayList<>();
			for (float[] query : queries) {
				exact.add(SqlRunner.run(dataSource, sql, query, title, K, Map.of("enable_indexscan", "off")));
			}
			String label = filter[1] + " of rows";
			Report.line(label + ": planner's choice", "%s",
					SqlRunner.planOf(dataSource, sql, queries.get(0), title, K, Map.of()));
			measure(label + ", repository, iterative scan auto (relaxed)", exact, queries,
					(query) -> ids(repository.findNearestByCosineAndParentTitle(query, title, Limit.of(K))));
			measure(label + ", repository, iterative scan off", exact, queries,
					(query) -> ids(repository.readNearestByCosineAndParentTitle(query, title, Limit.of(K))));
			Map<String, String> forced = Map.of("enable_sort", "off");
			Report.line(label + ": plan with enable_sort = off", "%s",
					SqlRunner.planOf(dataSource, sql, queries.get(0), title, K, forced));
			measure(label + ", JDBC, HNSW plan forced, iterative scan off", exact, queries,
					(query) -> jdbc(dataSource, sql, query, title, Map.of("enable_sort", "off")));
			measure(label + ", JDBC, HNSW plan forced, relaxed_order", exact, queries, (query) -> jdbc(dataSource, sql,
					query, title, Map.of("enable_sort", "off", "hnsw.iterative_scan", "relaxed_order")));
			measure(label + ", JDBC, HNSW plan forced, strict_order", exact, queries, (query) -> jdbc(dataSource, sql,
					query, title, Map.of("enable_sort", "off", "hnsw.iterative_scan", "strict_order")));
		}
	}

	private static void measure(String label, List<List<UUID>> exact, List<float[]> queries,
			Function<float[], List<UUID>> search) {
		Samples latency = new Samples();
		long rows = 0;
		int short_ = 0;
		long found = 0;
		long wanted = 0;
		for (int i = 0; i < queries.size(); i++) {
			long started = System.nanoTime();
			List<UUID> result = search.apply(queries.get(i));
			latency.add((System.nanoTime() - started) / 1e6);
			rows += result.size();
			if (result.size() < K) {
				short_++;
			}
			Set<UUID> truth = new HashSet<>(exact.get(i));
			wanted += truth.size();
			found += result.stream().filter(truth::contains).count();
		}
		Report.line(label, "rows %.1f of %d (%d queries short), recall@%d %.3f, median %.2f ms, p95 %.2f ms",
				(double) rows / queries.size(), K, short_, K, (double) found / wanted, latency.median(),
				latency.percentile(95));
	}

	private static List<UUID> ids(List<SearchDocumentEmbedding> chunks) {
		return chunks.stream().map(SearchDocumentEmbedding::getEmbeddingUuid).toList();
	}

	private static List<UUID> jdbc(DataSource dataSource, String sql, float[] query, String title,
			Map<String, String> settings) {
		try {
			return SqlRunner.run(dataSource, sql, query, title, K, settings);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
