package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.github.pgaispring.sql.IndexingHnswConfig;
import io.github.pgaispring.sql.SqlLiterals;
import io.github.pgaispring.sql.Vectorizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Creates the HNSW index that a vectorizer's {@code indexing} config ({@code ai.indexing_hnsw}) asks for,
 * once the destination holds {@code min_rows} embeddings and, with {@code create_when_queue_empty}, the
 * queue is empty. It builds with {@code CREATE INDEX CONCURRENTLY}, so the worker keeps writing chunks during
 * a build that takes a minute for 100,000 rows; an index a failed build left invalid is dropped and built
 * again. It holds pgai's lock key {@code (1982010642, <table oid>)} as a session advisory lock from the checks
 * to the end of the build (a concurrent build cannot run in a transaction, where pgai's job takes the same key
 * with {@code pg_try_advisory_xact_lock}), so that one worker, or pgai's job, builds the index and no other.
 * Embeddings of more than 2000 dimensions (the {@code vector} limit of HNSW) are indexed as {@code halfvec}.
 */
final class VectorIndexCreator {

	private static final Log logger = LogFactory.getLog(VectorIndexCreator.class);

	private static final int INDEX_LOCK_KEY = 1982010642;

	private static final int MAX_VECTOR_DIMENSIONS = 2000;

	private static final int MAX_HALFVEC_DIMENSIONS = 4000;

	private static final Set<String> OPERATOR_CLASSES = Set.of("vector_cosine_ops", "vector_ip_ops", "vector_l1_ops",
			"vector_l2_ops");

	private VectorIndexCreator() {
	}

	/**
	 * Creates the vectorizer's HNSW index if its config asks for one and it is due.
	 * @return whether an index was created
	 */
	static boolean createIfDue(DataSource dataSource, Vectorizer vectorizer) {
		if (!(vectorizer.config().indexing() instanceof IndexingHnswConfig indexing)) {
			return false;
		}
		String table = indexedTable(vectorizer);
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			if (!lock(connection, "pg_try_advisory_lock", table)) {
				return false;
			}
			try {
				return createIfDue(connection, vectorizer, indexing, table);
			}
			finally {
				lock(connection, "pg_advisory_unlock", table);
			}
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot create the HNSW index of " + vectorizer, ex);
		}
	}

	private static boolean createIfDue(Connection connection, Vectorizer vectorizer, IndexingHnswConfig indexing,
			String table) throws SQLException {
		String column = indexedColumn(vectorizer);
		List<String> invalid = new ArrayList<>();
		if (hnswIndexes(connection, table, column, invalid)) {
			return false;
		}
		if (indexing.createWhenQueueEmptyOrDefault()
				&& exists(connection, "select exists (select 1 from " + vectorizer.qualifiedQueue() + ")")) {
			return false;
		}
		int minRows = indexing.minRowsOrDefault();
		if (!exists(connection, "select count(*) >= " + minRows + " from (select 1 from " + table + " limit "
				+ minRows + ") rows")) {
			return false;
		}
		String definition = indexDefinition(connection, vectorizer, indexing, table, column);
		if (definition == null) {
			return false;
		}
		try (Statement statement = connection.createStatement()) {
			for (String index : invalid) {
				logger.info(vectorizer + ": dropping the invalid HNSW index " + index + " a failed build left");
				statement.execute("drop index concurrently if exists " + index);
			}
			long started = System.nanoTime();
			statement.execute(definition);
			logger.info(vectorizer + ": created HNSW index in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + definition);
		}
		return true;
	}

	private static String indexDefinition(Connection connection, Vectorizer vectorizer, IndexingHnswConfig indexing,
			String table, String column) throws SQLException {
		String operatorClass = indexing.opclassOrDefault();
		if (!OPERATOR_CLASSES.contains(operatorClass)) {
			logger.warn(vectorizer + ": indexing.opclass '" + operatorClass + "' is not one of " + OPERATOR_CLASSES
					+ "; no HNSW index is created");
			return null;
		}
		int dimensions = vectorizer.dimensions();
		if (dimensions > MAX_HALFVEC_DIMENSIONS) {
			logger.warn(vectorizer + ": HNSW indexes support at most " + MAX_HALFVEC_DIMENSIONS
					+ " dimensions (as halfvec); " + dimensions + "-dimensional embeddings are left unindexed");
			return null;
		}
		String schema = SqlLiterals.quoteIdentifier(vectorExtensionSchema(connection));
		String quotedColumn = SqlLiterals.quoteIdentifier(column);
		String indexed = (dimensions <= MAX_VECTOR_DIMENSIONS) ? quotedColumn + " " + schema + "." + operatorClass
				: "(" + quotedColumn + "::" + schema + ".halfvec(" + dimensions + ")) " + schema + "."
						+ operatorClass.replaceFirst("^vector_", "halfvec_");
		List<String> options = new ArrayList<>();
		if (indexing.m() != null) {
			options.add("m = " + indexing.m());
		}
		if (indexing.efConstruction() != null) {
			options.add("ef_construction = " + indexing.efConstruction());
		}
		return "create index concurrently on " + table + " using hnsw (" + indexed + ")"
				+ (options.isEmpty() ? "" : " with (" + String.join(", ", options) + ")");
	}

	private static String indexedTable(Vectorizer vectorizer) {
		return (VectorizerDestination.of(vectorizer) instanceof VectorizerDestination.Table target) ? target.qualifiedName()
				: vectorizer.qualifiedSource();
	}

	private static String indexedColumn(Vectorizer vectorizer) {
		return (VectorizerDestination.of(vectorizer) instanceof VectorizerDestination.Column column) ? column.column()
				: "embedding";
	}

	private static boolean lock(Connection connection, String function, String table) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("select " + function + "(?, ?::regclass::oid::int4)")) {
			statement.setInt(1, INDEX_LOCK_KEY);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	/**
	 * Whether the table has a valid HNSW index on the column; collects the qualified names of invalid ones (left
	 * by a concurrent build that failed).
	 */
	private static boolean hnswIndexes(Connection connection, String table, String column, List<String> invalid)
			throws SQLException {
		boolean valid = false;
		try (PreparedStatement statement = connection.prepareStatement("""
				select i.indisvalid, format('%I.%I', n.nspname, index_class.relname)
				from pg_index i
				join pg_class index_class on index_class.oid = i.indexrelid
				join pg_namespace n on n.oid = index_class.relnamespace
				join pg_am am on am.oid = index_class.relam
				join pg_attribute a on a.attrelid = i.indrelid and a.attname = ?
				where i.indrelid = ?::regclass and am.amname = 'hnsw'
				  and (i.indkey[0] = a.attnum or (i.indkey[0] = 0
				       and pg_get_indexdef(i.indexrelid) like '%' || quote_ident(a.attname) || '%'))""")) {
			statement.setString(1, column);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (rs.getBoolean(1)) {
						valid = true;
					}
					else {
						invalid.add(rs.getString(2));
					}
				}
			}
		}
		return valid;
	}

	private static String vectorExtensionSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select n.nspname from pg_extension x "
						+ "join pg_namespace n on n.oid = x.extnamespace where x.extname = 'vector'")) {
			if (!rs.next()) {
				throw new SQLException("The vector extension is not installed", "42704");
			}
			return rs.getString(1);
		}
	}

	private static boolean exists(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			return rs.next() && rs.getBoolean(1);
		}
	}

}
