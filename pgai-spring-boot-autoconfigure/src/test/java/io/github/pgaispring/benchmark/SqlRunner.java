package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.pgvector.PGvector;

/**
 * Runs a statement Hibernate generated for a repository method through bare JDBC, with the same parameters:
 * the query vector for each {@code cast(? as vector(…))}, the condition value for a {@code …=?}, and the
 * row limit for the rest. Every column of every row is read, the vector parsed into a {@code float[]} as the
 * entity holds it.
 */
final class SqlRunner {

	private static final Pattern PARAMETER = Pattern.compile("cast\\(\\? as vector\\(|=\\?|\\?");

	private SqlRunner() {
	}

	/**
	 * Runs the statement.
	 * @param dataSource the pool
	 * @param sql the captured statement
	 * @param query the query vector
	 * @param condition the value of the condition, or {@code null}
	 * @param limit the number of rows
	 * @param settings {@code SET LOCAL} settings for the query's transaction, none for auto-commit
	 * @return the {@code embedding_uuid}s in order
	 */
	static List<UUID> run(DataSource dataSource, String sql, float[] query, Object condition, int limit,
			Map<String, String> settings) throws SQLException {
		String vector = new PGvector(query).getValue();
		try (Connection connection = dataSource.getConnection()) {
			if (!settings.isEmpty()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					for (Map.Entry<String, String> setting : settings.entrySet()) {
						statement.execute("set local " + setting.getKey() + " = " + setting.getValue());
					}
				}
			}
			List<UUID> ids = new ArrayList<>(limit);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				Matcher matcher = PARAMETER.matcher(sql);
				int index = 1;
				while (matcher.find()) {
					if (matcher.group().startsWith("cast")) {
						statement.setString(index++, vector);
					}
					else if (matcher.group().startsWith("=")) {
						statement.setObject(index++, condition);
					}
					else {
						statement.setInt(index++, limit);
					}
				}
				try (ResultSet rs = statement.executeQuery()) {
					int columns = rs.getMetaData().getColumnCount();
					while (rs.next()) {
						for (int column = 1; column <= columns; column++) {
							if ("vector".equals(rs.getMetaData().getColumnTypeName(column))) {
								new PGvector(rs.getString(column)).toArray();
							}
							else if ("embedding_uuid".equals(rs.getMetaData().getColumnLabel(column))) {
								ids.add(rs.getObject(column, UUID.class));
							}
							else {
								rs.getObject(column);
							}
						}
					}
				}
			}
			if (!settings.isEmpty()) {
				connection.commit();
				connection.setAutoCommit(true);
			}
			return ids;
		}
	}

	/** The plan's access to the store: the HNSW index, or what else PostgreSQL chose. */
	static String planOf(DataSource dataSource, String sql, float[] query, Object condition, int limit,
			Map<String, String> settings) throws SQLException {
		String vector = new PGvector(query).getValue();
		String inlined = sql;
		Matcher matcher = PARAMETER.matcher(sql);
		StringBuilder explained = new StringBuilder();
		while (matcher.find()) {
			String replacement = matcher.group().startsWith("cast") ? "cast('" + vector + "' as vector("
					: matcher.group().startsWith("=") ? "='" + condition + "'" : String.valueOf(limit);
			matcher.appendReplacement(explained, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(explained);
		inlined = explained.toString();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (Map.Entry<String, String> setting : settings.entrySet()) {
				statement.execute("set local " + setting.getKey() + " = " + setting.getValue());
			}
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("explain " + inlined)) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			connection.rollback();
			connection.setAutoCommit(true);
			return plan.toString().contains("Index Scan using search_hnsw") ? "HNSW index scan"
					: "no HNSW scan (" + plan.toString().lines().filter((line) -> line.contains("Scan")).findFirst()
						.map(String::strip).orElse("?") + ")";
		}
	}

}
