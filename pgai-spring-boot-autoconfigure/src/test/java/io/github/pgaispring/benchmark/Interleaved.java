package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs each query through the repository and through bare JDBC, alternating which goes first so that the machine's
 * load falls on both alike, after warm-up queries that are not recorded; records the latency and client CPU of each
 * call.
 */
final class Interleaved {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	final Samples repositoryLatency = new Samples();

	final Samples jdbcLatency = new Samples();

	final Samples repositoryCpu = new Samples();

	final Samples jdbcCpu = new Samples();

	/**
	 * Runs the queries.
	 * @param warmup how many queries to run first without recording them
	 * @param each receives the results of every recorded query
	 * @return the recorded samples
	 */
	static Interleaved run(List<float[]> queries, int warmup, Function<float[], List<UUID>> viaRepository,
			JdbcQuery viaJdbc, Results each) throws SQLException {
		Interleaved samples = new Interleaved();
		for (int i = -warmup; i < queries.size(); i++) {
			float[] query = queries.get(Math.floorMod(i, queries.size()));
			List<UUID> fromRepository = null;
			List<UUID> fromJdbc = null;
			for (int turn = 0; turn < 2; turn++) {
				long cpu = THREADS.getCurrentThreadCpuTime();
				long started = System.nanoTime();
				boolean repository = (turn == 0) == (i % 2 == 0);
				if (repository) {
					fromRepository = viaRepository.apply(query);
				}
				else {
					fromJdbc = viaJdbc.search(query);
				}
				if (i >= 0) {
					(repository ? samples.repositoryLatency : samples.jdbcLatency)
						.add((System.nanoTime() - started) / 1e6);
					(repository ? samples.repositoryCpu : samples.jdbcCpu)
						.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
				}
			}
			if (i >= 0) {
				each.accept(i, fromRepository, fromJdbc);
			}
		}
		return samples;
	}

	/** A bare-JDBC search for a query vector. */
	@FunctionalInterface
	interface JdbcQuery {

		List<UUID> search(float[] query) throws SQLException;

	}

	/** What one query returned through both paths. */
	@FunctionalInterface
	interface Results {

		void accept(int query, List<UUID> fromRepository, List<UUID> fromJdbc);

	}

}
