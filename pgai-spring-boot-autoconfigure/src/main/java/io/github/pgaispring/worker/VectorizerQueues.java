package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

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
		return count("select count(*) from " + vectorizer.qualifiedQueue(), vectorizer);
	}

	/** The number of rows in the vectorizer's failed queue. */
	public long failed(Vectorizer vectorizer) {
		return count("select count(*) from " + vectorizer.qualifiedFailedQueue(), vectorizer);
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

	private long count(String sql, Vectorizer vectorizer) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot count the queue of " + vectorizer, ex);
		}
	}

}
