package io.github.pgaispring.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and finishes vectorizer migrations ({@link MigrateVectorizer}): the one place the starter reads
 * {@code ai.vectorizer_migration_status}. On a catalog without the starter's additions there are none. Each read is
 * remembered for about a minute, so that the {@link VectorizerMigration#rowsPerSecond() rate} and ETA of a migration
 * are those of its last minute rather than its average since it started (a slow start, such as a cold model or a
 * provider's rate limit, would skew that one for the rest of the backfill). Thread-safe.
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

	/** The rate of a migration is that of the reads of about this last time. */
	static final Duration RATE_WINDOW = Duration.ofMinutes(1);

	/** Reads closer together than this to the current one give no rate: too noisy. */
	static final Duration MIN_RATE_SPAN = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	/** The earlier reads of each migration in progress (by target id and start), oldest first. */
	private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

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
		this(jdbc, Clock.systemUTC());
	}

	/**
	 * Creates a reader whose rates are measured with the given clock.
	 * @param jdbc the client for the database holding the {@code ai} schema
	 * @param clock the clock of the reads
	 */
	public VectorizerMigrations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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
				return withRates(this.jdbc.sql(SELECT + " order by id").query(VectorizerMigrations::map).list());
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

	/** The migrations with their recent rates; this read is remembered and those of finished migrations forgotten. */
	private List<VectorizerMigration> withRates(List<VectorizerMigration> read) {
		Instant now = this.clock.instant();
		List<VectorizerMigration> rated = new ArrayList<>(read.size());
		List<String> running = new ArrayList<>();
		for (VectorizerMigration migration : read) {
			String key = migration.targetId() + "@" + migration.startedAt().toInstant();
			running.add(key);
			Deque<Sample> earlier = this.samples.computeIfAbsent(key, (k) -> new ArrayDeque<>());
			Double rate;
			synchronized (earlier) {
				// of the reads at or before the window's start, the last one stays: the rate since it
				Instant windowStart = now.minus(RATE_WINDOW);
				Sample oldest = earlier.pollFirst();
				while (oldest != null && !earlier.isEmpty() && !earlier.peekFirst().at().isAfter(windowStart)) {
					oldest = earlier.pollFirst();
				}
				if (oldest != null) {
					earlier.addFirst(oldest);
				}
				rate = rate(migration, oldest, now);
				earlier.addLast(new Sample(now, migration.embeddedRows()));
			}
			rated.add(new VectorizerMigration(migration.vectorizer(), migration.vectorizerId(), migration.target(),
					migration.targetId(), migration.targetStore(), migration.startedAt(), migration.backfillRows(),
					migration.pendingRows(), migration.waitingFor(), rate));
		}
		this.samples.keySet().retainAll(running);
		return rated;
	}

	/** Rows per second since the oldest remembered read, or since the start when none is old enough. */
	private static @Nullable Double rate(VectorizerMigration migration, @Nullable Sample oldest, Instant now) {
		if (oldest != null && Duration.between(oldest.at(), now).compareTo(MIN_RATE_SPAN) >= 0) {
			return perSecond(migration.embeddedRows() - oldest.embeddedRows(), Duration.between(oldest.at(), now));
		}
		Duration sinceStart = Duration.between(migration.startedAt().toInstant(), now);
		return (migration.embeddedRows() > 0 && sinceStart.toMillis() > 0)
				? perSecond(migration.embeddedRows(), sinceStart) : null;
	}

	private static double perSecond(long rows, Duration elapsed) {
		return Math.max(0, rows) * 1000.0 / elapsed.toMillis();
	}

	private boolean installed() {
		return Boolean.TRUE.equals(this.jdbc.sql("select to_regclass('ai.vectorizer_migration_status') is not null")
			.query(Boolean.class).single());
	}

	private static VectorizerMigration map(ResultSet rs, int row) throws SQLException {
		return new VectorizerMigration(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
				rs.getObject(6, OffsetDateTime.class), rs.getLong(7), rs.getLong(8), rs.getString(9), null);
	}

	/** What one read found: when, and how many rows of the backfill were embedded. */
	private record Sample(Instant at, long embeddedRows) {
	}

}
