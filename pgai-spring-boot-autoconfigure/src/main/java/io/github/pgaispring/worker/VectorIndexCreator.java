package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * queue is empty. Like pgai's scheduled job it holds {@code pg_try_advisory_xact_lock(1982010642, <table
 * oid>)} while it checks and builds, so that only one worker builds the index. Embeddings of more than
 * 2000 dimensions (the {@code vector} limit of HNSW) are indexed as {@code halfvec}.
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
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				boolean created = createIfDue(connection, vectorizer, indexing);
				connection.commit();
				return created;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot create the HNSW index of " + vectorizer, ex);
		}
	}

	private static boolean createIfDue(Connection connection, Vectorizer vectorizer, IndexingHnswConfig indexing)
			throws SQLException {
		String table = indexedTable(vectorizer);
		String column = indexedColumn(vectorizer);
		if (!lock(connection, table) || indexExists(connection, table, column)) {
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
			statement.execute(definition);
		}
		logger.info(vectorizer + ": created HNSW index: " + definition);
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
		return "create index on " + table + " using hnsw (" + indexed + ")"
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

	private static boolean lock(Connection connection, String table) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("select pg_try_advisory_xact_lock(?, ?::regclass::oid::int4)")) {
			statement.setInt(1, INDEX_LOCK_KEY);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private static boolean indexExists(Connection connection, String table, String column) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				select exists (
				    select 1 from pg_index i
				    join pg_class index_class on index_class.oid = i.indexrelid
				    join pg_am am on am.oid = index_class.relam
				    join pg_attribute a on a.attrelid = i.indrelid and a.attname = ?
				    where i.indrelid = ?::regclass and am.amname = 'hnsw'
				      and (i.indkey[0] = a.attnum or (i.indkey[0] = 0
				           and pg_get_indexdef(i.indexrelid) like '%' || quote_ident(a.attname) || '%')))""")) {
			statement.setString(1, column);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
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
