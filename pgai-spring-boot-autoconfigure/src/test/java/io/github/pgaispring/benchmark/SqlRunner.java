package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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
import io.github.pgaispring.jpa.PgVectorTextBridge;

/**
 * Runs a statement Hibernate generated for a repository method through bare JDBC, with the same parameters:
 * the query vector for each {@code cast(? as vector(…))}, the condition value for a {@code …=?}, and the
 * row limit for the rest. Every column of every row is read, the vector parsed into a {@code float[]} as the
 * entity holds it, by pgvector-java (as a JDBC application would) or by the repositories' own reader.
 */
final class SqlRunner {

	private static final Pattern PARAMETER = Pattern.compile("cast\\(\\? as vector\\(|=\\?|\\?");

	private SqlRunner() {
	}

	/** How the baseline turns pgvector's text into a {@code float[]}. */
	enum VectorReader {

		/** pgvector-java's {@code PGvector}, as a JDBC application reads a vector. */
		PGVECTOR {
			@Override
			float[] read(String text) throws SQLException {
				return new PGvector(text).toArray();
			}
		},

		/** The reader the repositories' {@code float[]} attributes use, so that only the rest of the path differs. */
		REPOSITORY {
			@Override
			float[] read(String text) throws SQLException {
				return PgVectorTextBridge.parse(text);
			}
		};

		abstract float[] read(String text) throws SQLException;

	}

	/**
	 * Runs the statement, in a transaction of its own when there are settings, in auto-commit otherwise.
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
		return run(dataSource, sql, query, condition, limit, settings, !settings.isEmpty(), false, VectorReader.PGVECTOR);
	}

	/**
	 * Runs the statement in auto-commit, reading the vectors with {@code reader}.
	 * @see #run(DataSource, String, float[], Object, int, Map)
	 */
	static List<UUID> runAutoCommit(DataSource dataSource, String sql, float[] query, int limit, VectorReader reader)
			throws SQLException {
		return run(dataSource, sql, query, null, limit, Map.of(), false, false, reader);
	}

	/**
	 * Runs the statement in a read-only transaction, as Spring's transaction managers begin one
	 * ({@code setReadOnly(true)}, {@code setAutoCommit(false)}, commit, then both reset).
	 * @see #run(DataSource, String, float[], Object, int, Map)
	 */
	static List<UUID> runReadOnly(DataSource dataSource, String sql, float[] query, int limit, VectorReader reader)
			throws SQLException {
		return run(dataSource, sql, query, null, limit, Map.of(), true, true, reader);
	}

	private static List<UUID> run(DataSource dataSource, String sql, float[] query, Object condition, int limit,
			Map<String, String> settings, boolean transaction, boolean readOnly, VectorReader reader)
			throws SQLException {
		String vector = new PGvector(query).getValue();
		try (Connection connection = dataSource.getConnection()) {
			if (readOnly) {
				connection.setReadOnly(true);
			}
			if (transaction) {
				connection.setAutoCommit(false);
			}
			if (!settings.isEmpty()) {
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
					readRows(rs, ids, reader);
				}
			}
			if (transaction) {
				connection.commit();
				connection.setAutoCommit(true);
			}
			if (readOnly) {
				connection.setReadOnly(false);
			}
			return ids;
		}
	}

	/**
	 * Reads every column of every row as the entity holds it: the vector parsed into a {@code float[]} by
	 * {@code reader}, the {@code embedding_uuid} as a UUID, the rest as {@code getObject} gives them.
	 */
	private static void readRows(ResultSet rs, List<UUID> ids, VectorReader reader) throws SQLException {
		ResultSetMetaData metaData = rs.getMetaData();
		int columns = metaData.getColumnCount();
		char[] kinds = new char[columns + 1];
		for (int column = 1; column <= columns; column++) {
			kinds[column] = "vector".equals(metaData.getColumnTypeName(column)) ? 'v'
					: "embedding_uuid".equals(metaData.getColumnLabel(column)) ? 'u' : 'o';
		}
		while (rs.next()) {
			for (int column = 1; column <= columns; column++) {
				switch (kinds[column]) {
					case 'v' -> reader.read(rs.getString(column));
					case 'u' -> ids.add(rs.getObject(column, UUID.class));
					default -> rs.getObject(column);
				}
			}
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
