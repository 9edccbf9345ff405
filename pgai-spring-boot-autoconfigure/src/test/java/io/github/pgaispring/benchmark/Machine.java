package io.github.pgaispring.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

/** Prints what a benchmark ran on: CPU, JVM, heap limit, load, PostgreSQL and pgvector versions. */
final class Machine {

	private Machine() {
	}

	/**
	 * Prints the description.
	 * @param dataSource the benchmark database
	 */
	static void describe(DataSource dataSource) throws SQLException {
		Report.section("Machine");
		Report.line("CPU", "%s, %d cores available to the JVM", cpuModel(),
				Runtime.getRuntime().availableProcessors());
		Report.line("JVM", "%s %s, max heap %.0f MiB", System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Report.mib(Runtime.getRuntime().maxMemory()));
		Report.line("Load average at start (1/5/15 min)", "%s", loadAverage());
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select current_setting('server_version'), "
						+ "(select extversion from pg_extension where extname = 'vector'), "
						+ "current_setting('shared_buffers'), current_setting('synchronous_commit')")) {
			rs.next();
			Report.line("PostgreSQL (same machine, local TCP)", "%s, pgvector %s, shared_buffers %s, synchronous_commit %s",
					rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

	/** The load averages over 1, 5 and 15 minutes, from {@code /proc/loadavg}. */
	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " / " + parts[1] + " / " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** CPU time of this JVM's live threads whose names start with the prefix (the model's threads), by thread id. */
	static Map<Long, Long> threadCpuNanos(String namePrefix) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, Long> nanos = new HashMap<>();
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().startsWith(namePrefix)) {
				nanos.put(thread.getThreadId(), Math.max(0, threads.getThreadCpuTime(thread.getThreadId())));
			}
		}
		return nanos;
	}

	/**
	 * The CPU time the threads used since an earlier {@link #threadCpuNanos} (threads started since count from 0;
	 * threads that ended meanwhile are not counted, so this can be low, never negative).
	 */
	static long threadCpuNanosSince(String namePrefix, Map<Long, Long> earlier) {
		long nanos = 0;
		for (Map.Entry<Long, Long> thread : threadCpuNanos(namePrefix).entrySet()) {
			nanos += Math.max(0, thread.getValue() - earlier.getOrDefault(thread.getKey(), 0L));
		}
		return nanos;
	}

	/** CPU seconds the whole machine spent busy (all processes), from {@code /proc/stat}; NaN if unreadable. */
	static double busyCpuSeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			// cpu user nice system idle iowait irq softirq steal
			for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(fields[field]);
			}
			return busy / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

}
