package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Small JDBC helpers for worker tests.
 */
final class WorkerTestSql {

	private WorkerTestSql() {
	}

	static void execute(DataSource dataSource, String... statements) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	/** Every row of the query, its columns joined with {@code |} ({@code null} printed as such). */
	static List<String> rows(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			List<String> rows = new ArrayList<>();
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? "|" : "").append(rs.getString(i));
				}
				rows.add(row.toString());
			}
			return rows;
		}
	}

	static long count(DataSource dataSource, String sql) throws SQLException {
		return Long.parseLong(rows(dataSource, sql).get(0));
	}

	/** The text pgvector prints for a vector of whole numbers. */
	static String vectorText(float[] vector) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < vector.length; i++) {
			text.append((i > 0) ? "," : "").append((int) vector[i]);
		}
		return text.append(']').toString();
	}

}
