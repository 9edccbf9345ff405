package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reports the worker to pgai's tracking tables through {@code ai._worker_start},
 * {@code ai._worker_heartbeat} and {@code ai._worker_progress}. Until {@link #register} succeeds, and in
 * databases without these functions, nothing is reported.
 * <p>
 * Successes and errors go to {@code ai._worker_progress} in the batch's own transaction (successes in the
 * round trip of its {@code COMMIT}), so the per-vectorizer counters are exact and cost no extra round trip.
 * Thread-safe.
 */
final class WorkerTracking {

	private static final Log logger = LogFactory.getLog(WorkerTracking.class);

	private volatile UUID workerId;

	private volatile @Nullable Instant lastHeartbeat;

	private final AtomicInteger successesSinceHeartbeat = new AtomicInteger();

	private final AtomicInteger errorsSinceHeartbeat = new AtomicInteger();

	private final AtomicReference<String> lastErrorSinceHeartbeat = new AtomicReference<>();

	private boolean registered;

	/**
	 * Registers the worker process with {@code ai._worker_start(version, expected_heartbeat_interval)} and sends
	 * its first heartbeat at once, as pgai's worker does, unless the database has no worker tracking (pgai
	 * before 0.10), in which case nothing is reported. {@code expected_heartbeat_interval} is the interval at which
	 * this worker heartbeats; pgai's worker heartbeats at its poll interval and writes that.
	 * @param version what {@code ai.vectorizer_worker_process.version} shows, {@code pgai-spring-boot <version>}
	 * (pgai's worker writes its bare package version, such as {@code 0.12.1})
	 * @throws VectorizerDataAccessException if the database cannot be reached; try again later
	 */
	void register(DataSource dataSource, String version, Duration heartbeatInterval) {
		try (Connection connection = dataSource.getConnection()) {
			try (PreparedStatement probe = connection
				.prepareStatement("select to_regprocedure('ai._worker_start(text, interval)') is not null");
					ResultSet rs = probe.executeQuery()) {
				rs.next();
				if (!rs.getBoolean(1)) {
					logger.info("ai._worker_start does not exist (pgai without worker tracking); the worker will not "
							+ "report to ai.vectorizer_worker_process");
					return;
				}
			}
			try (PreparedStatement start = connection
				.prepareStatement("select ai._worker_start(?, ? * interval '1 millisecond')")) {
				start.setString(1, version);
				start.setLong(2, heartbeatInterval.toMillis());
				try (ResultSet rs = start.executeQuery()) {
					rs.next();
					this.workerId = rs.getObject(1, UUID.class);
					this.lastHeartbeat = Instant.now();
				}
			}
			heartbeat(connection);
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot register the worker with ai._worker_start", ex);
		}
	}

	/**
	 * {@link #register Registers} the worker the first time it is called successfully; later calls do nothing.
	 * @throws VectorizerDataAccessException if the database cannot be reached; try again later
	 */
	synchronized void registerOnce(DataSource dataSource, String version, Duration heartbeatInterval) {
		if (!this.registered) {
			register(dataSource, version, heartbeatInterval);
			this.registered = true;
		}
	}

	/** The id of the {@code ai.vectorizer_worker_process} row, or {@code null} when not registered. */
	UUID workerId() {
		return this.workerId;
	}

	/** When the registration or a heartbeat last reached the database, or {@code null} if never. */
	@Nullable Instant lastHeartbeat() {
		return this.lastHeartbeat;
	}

	/**
	 * Records a vectorizer's successes or an error with {@code ai._worker_progress}, in the caller's
	 * transaction.
	 */
	void progress(Connection connection, int vectorizerId, int successes, String errorMessage) throws SQLException {
		if (this.workerId == null) {
			return;
		}
		try (PreparedStatement progress = connection.prepareStatement("select ai._worker_progress(?, ?, ?, ?)")) {
			progress.setObject(1, this.workerId);
			progress.setInt(2, vectorizerId);
			progress.setInt(3, successes);
			progress.setString(4, errorMessage);
			progress.execute();
		}
	}

	/**
	 * Commits a batch transaction. When the batch embedded rows and the worker is registered, they are
	 * added with {@code ai._worker_progress} in the same round trip as the {@code COMMIT}, so the counters
	 * are exact whatever happens to the worker afterwards (a {@code kill -9} included).
	 */
	void commit(Connection connection, int vectorizerId, int successes) throws SQLException {
		if (this.workerId == null || successes == 0) {
			connection.commit();
			return;
		}
		try (PreparedStatement statement = connection
			.prepareStatement("select ai._worker_progress(?, ?, ?, null); commit")) {
			statement.setObject(1, this.workerId);
			statement.setInt(2, vectorizerId);
			statement.setInt(3, successes);
			statement.execute();
		}
	}

	/** Counts committed successes and errors for the next heartbeat. */
	void count(int successes, String errorMessage) {
		this.successesSinceHeartbeat.addAndGet(successes);
		if (errorMessage != null) {
			this.errorsSinceHeartbeat.incrementAndGet();
			this.lastErrorSinceHeartbeat.set(errorMessage);
		}
	}

	/** Sends {@code ai._worker_heartbeat} with the counts since the previous one. */
	void heartbeat(DataSource dataSource) {
		if (this.workerId == null) {
			return;
		}
		try (Connection connection = dataSource.getConnection()) {
			heartbeat(connection);
		}
		catch (SQLException ex) {
			logger.warn("Worker heartbeat failed; the counts are kept for the next one: " + ex.getMessage());
		}
	}

	private void heartbeat(Connection connection) throws SQLException {
		int successes = this.successesSinceHeartbeat.getAndSet(0);
		int errors = this.errorsSinceHeartbeat.getAndSet(0);
		String lastError = this.lastErrorSinceHeartbeat.getAndSet(null);
		try (PreparedStatement heartbeat = connection.prepareStatement("select ai._worker_heartbeat(?, ?, ?, ?)")) {
			heartbeat.setObject(1, this.workerId);
			heartbeat.setInt(2, successes);
			heartbeat.setInt(3, errors);
			heartbeat.setString(4, lastError);
			heartbeat.execute();
			this.lastHeartbeat = Instant.now();
		}
		catch (SQLException ex) {
			this.successesSinceHeartbeat.addAndGet(successes);
			this.errorsSinceHeartbeat.addAndGet(errors);
			this.lastErrorSinceHeartbeat.compareAndSet(null, lastError);
			throw ex;
		}
	}

}
