package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.pgaispring.sql.PrimaryKeyColumn;
import io.github.pgaispring.sql.Vectorizer;

/**
 * Inspects and manages a vectorizer's work queue and failed queue.
 */
public final class VectorizerQueues {

	private final DataSource dataSource;

	/**
	 * Creates the queue operations.
	 * @param dataSource the database
	 */
	public VectorizerQueues(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The number of entries in the vectorizer's work queue, including rows waiting for a retry. */
	public long pending(Vectorizer vectorizer) {
		return count("select count(*) from " + vectorizer.qualifiedQueue(), vectorizer, List.of());
	}

	/** The number of rows in the vectorizer's failed queue. */
	public long failed(Vectorizer vectorizer) {
		return count("select count(*) from " + vectorizer.qualifiedFailedQueue(), vectorizer, List.of());
	}

	/**
	 * Moves every row of the failed queue back to the work queue, with a fresh attempt count, and wakes
	 * the workers that listen for queued rows.
	 * @param vectorizer the vectorizer
	 * @return the number of rows moved
	 */
	public int requeueFailed(Vectorizer vectorizer) {
		return requeueFailed(vectorizer, null);
	}

	/**
	 * Moves the rows of the failed queue that failed in the given step back to the work queue, with a
	 * fresh attempt count.
	 * @param vectorizer the vectorizer
	 * @param step the failure step to requeue, or {@code null} for all
	 * @return the number of rows moved
	 */
	public int requeueFailed(Vectorizer vectorizer, FailureStep step) {
		QueueStatements sql = new QueueStatements(vectorizer);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql.requeueFailed(step != null))) {
			if (step != null) {
				statement.setString(1, step.sqlValue());
			}
			int moved = statement.executeUpdate();
			if (moved > 0) {
				notifyWorkers(connection, vectorizer);
			}
			return moved;
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot requeue the failed rows of " + vectorizer, ex);
		}
	}

	/** Wakes listening workers, as the source table's trigger does. */
	private static void notifyWorkers(Connection connection, Vectorizer vectorizer) throws SQLException {
		try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
			notify.setString(1, QueueListener.QUEUE_CHANNEL);
			notify.setString(2, vectorizer.queueSchema() + "." + vectorizer.queueTable());
			notify.execute();
		}
	}

	/** The database's current time ({@code clock_timestamp()}), the clock that stamps queue entries. */
	public OffsetDateTime databaseTime() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select clock_timestamp()");
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getObject(1, OffsetDateTime.class);
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot read the database time", ex);
		}
	}

	/**
	 * Whether work queued up to a time is still waiting: an entry queued then or earlier, or any entry waiting
	 * for a retry (a failed attempt re-queues its row with a new time).
	 * @param vectorizer the vectorizer
	 * @param queuedUpTo the time, from {@link #databaseTime()}
	 * @return whether such an entry is in the work queue
	 */
	public boolean hasWorkQueuedUpTo(Vectorizer vectorizer, OffsetDateTime queuedUpTo) {
		return exists("select exists (select from " + vectorizer.qualifiedQueue()
				+ " where queued_at <= ? or loading_retries > 0)", vectorizer, List.of(queuedUpTo));
	}

	/**
	 * Whether the work queue holds an entry for a source row (the row is not embedded in its latest version).
	 * @param vectorizer the vectorizer
	 * @param key the row's primary-key values, in key order
	 * @return whether it is queued
	 */
	public boolean isQueued(Vectorizer vectorizer, List<?> key) {
		return exists("select exists (select from " + vectorizer.qualifiedQueue() + " where " + keyEquals(vectorizer)
				+ ")", vectorizer, key);
	}

	/**
	 * The rows moved to the failed queue at or after a time.
	 * @param vectorizer the vectorizer
	 * @param since the time, from {@link #databaseTime()}
	 * @return the number of rows
	 */
	public long failedSince(Vectorizer vectorizer, OffsetDateTime since) {
		return count("select count(*) from " + vectorizer.qualifiedFailedQueue() + " where created_at >= ?",
				vectorizer, List.of(since));
	}

	/**
	 * When a source row was moved to the failed queue, if it is there. (An entry stays when a later version of the
	 * row is embedded, until it is requeued or deleted.)
	 * @param vectorizer the vectorizer
	 * @param key the row's primary-key values, in key order
	 * @return when it was moved there, or empty if it is not in the failed queue
	 */
	public Optional<OffsetDateTime> failedAt(Vectorizer vectorizer, List<?> key) {
		String sql = "select max(created_at) from " + vectorizer.qualifiedFailedQueue() + " where " + keyEquals(vectorizer);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(statement, key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class));
			}
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot read the failed queue of " + vectorizer, ex);
		}
	}

	private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
		for (int i = 0; i < parameters.size(); i++) {
			statement.setObject(i + 1, parameters.get(i));
		}
	}

	private static String keyEquals(Vectorizer vectorizer) {
		return vectorizer.primaryKey()
			.stream()
			.map((PrimaryKeyColumn column) -> column.quotedName() + " = ?::" + column.typeName())
			.collect(Collectors.joining(" and "));
	}

	private boolean exists(String sql, Vectorizer vectorizer, List<?> parameters) {
		return count(sql, vectorizer, parameters) != 0;
	}

	private long count(String sql, Vectorizer vectorizer, List<?> parameters) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(statement, parameters);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return (rs.getObject(1) instanceof Boolean found) ? (found ? 1 : 0) : rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot read the queues of " + vectorizer, ex);
		}
	}

}
