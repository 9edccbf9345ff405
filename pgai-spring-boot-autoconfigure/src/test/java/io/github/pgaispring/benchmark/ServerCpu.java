package io.github.pgaispring.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * CPU time that the PostgreSQL backends of one database use, read from {@code /proc} (so only for a server on
 * this machine, readable by this user). Other databases on the same server (other test runs) are not counted;
 * shared processes (WAL writer, checkpointer) are not either.
 */
final class ServerCpu {

	private static final double TICKS_PER_SECOND = 100.0;

	private final DataSource dataSource;

	private final Map<Integer, Long> start;

	private ServerCpu(DataSource dataSource) {
		this.dataSource = dataSource;
		this.start = ticksByBackend();
	}

	/** Starts measuring the backends of the data source's database. */
	static ServerCpu start(DataSource dataSource) {
		return new ServerCpu(dataSource);
	}

	/** Seconds of CPU the database's backends used since {@link #start}, or NaN if {@code /proc} cannot tell. */
	double seconds() {
		Map<Integer, Long> now = ticksByBackend();
		if (now.isEmpty()) {
			return Double.NaN;
		}
		long ticks = 0;
		for (Map.Entry<Integer, Long> backend : now.entrySet()) {
			ticks += backend.getValue() - this.start.getOrDefault(backend.getKey(), 0L);
		}
		return ticks / TICKS_PER_SECOND;
	}

	private Map<Integer, Long> ticksByBackend() {
		Map<Integer, Long> ticks = new HashMap<>();
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("select pid from pg_stat_activity where datname = current_database()")) {
			while (rs.next()) {
				long used = ticks(rs.getInt(1));
				if (used >= 0) {
					ticks.put(rs.getInt(1), used);
				}
			}
		}
		catch (SQLException ex) {
			return Map.of();
		}
		return ticks;
	}

	private static long ticks(int pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state); utime and stime are fields 14 and 15
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
