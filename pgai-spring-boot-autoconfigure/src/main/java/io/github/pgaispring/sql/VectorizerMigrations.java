package io.github.pgaispring.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and finishes vectorizer migrations ({@link MigrateVectorizer}): the one place the starter reads
 * {@code ai.vectorizer_migration_status}. On a catalog without the starter's additions there are none.
 */
public final class VectorizerMigrations {

	/** What {@link #finish(String)} did, as {@code ai.finish_vectorizer_migration} reports it. */
	public enum FinishOutcome {

		/** The vectorizer now writes the new store under the current store's name; the old store is gone. */
		SWITCHED,

		/** Not caught up yet, or a lock was not granted in time: call again later. */
		WAITING,

		/** No migration of that vectorizer runs. */
		NONE

	}

	private static final String SELECT = """
			select name, id, target_name, target_id, target_table, started_at, backfill_rows, pending_items, waiting_for
			from ai.vectorizer_migration_status""";

	/** What PostgreSQL raises for a relation that is gone, such as a queue a switch dropped meanwhile. */
	private static final String UNDEFINED_TABLE = "42P01";

	private static final int MAX_READS = 3;

	private final JdbcClient jdbc;

	/**
	 * Creates a reader that takes connections from the data source.
	 * @param dataSource the database holding the {@code ai} schema
	 */
	public VectorizerMigrations(DataSource dataSource) {
		this(JdbcClient.create(dataSource));
	}

	/**
	 * Creates a reader.
	 * @param jdbc the client for the database holding the {@code ai} schema
	 */
	public VectorizerMigrations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The migrations in progress, ordered by vectorizer id; none on a catalog without the starter's additions. A read
	 * that meets a switch committing meanwhile (the target's queue it counts is gone: {@code 42P01}) reads again.
	 */
	public List<VectorizerMigration> findAll() {
		if (!installed()) {
			return List.of();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return this.jdbc.sql(SELECT + " order by id").query(VectorizerMigrations::map).list();
			}
			catch (DataAccessException ex) {
				if (attempt >= MAX_READS || !(NestedExceptionUtils.getMostSpecificCause(ex) instanceof SQLException sql)
						|| !UNDEFINED_TABLE.equals(sql.getSQLState())) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Switches the vectorizer to its new store if the migration has caught up, in one transaction that waits at
	 * most 200 ms for each lock.
	 * @param vectorizer the name of the vectorizer being migrated
	 * @return what was done
	 */
	public FinishOutcome finish(String vectorizer) {
		String outcome = this.jdbc.sql("select ai.finish_vectorizer_migration(?)").param(vectorizer)
			.query(String.class).single();
		return FinishOutcome.valueOf(outcome.toUpperCase(Locale.ROOT));
	}

	private boolean installed() {
		return Boolean.TRUE.equals(this.jdbc.sql("select to_regclass('ai.vectorizer_migration_status') is not null")
			.query(Boolean.class).single());
	}

	private static VectorizerMigration map(ResultSet rs, int row) throws SQLException {
		return new VectorizerMigration(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
				rs.getObject(6, OffsetDateTime.class), rs.getLong(7), rs.getLong(8), rs.getString(9));
	}

}
