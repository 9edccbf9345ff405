package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.pgaispring.sql.StoredVectorizerConfig;
import io.github.pgaispring.sql.Vectorizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Records that a vectorizer's config cannot be processed, once per config: logged, and written to
 * {@code ai._vectorizer_errors} and {@code ai._worker_progress}. The worker leaves the vectorizer's queue alone
 * until its config changes or the block expires.
 */
final class ConfigurationErrors {

	private static final Log logger = LogFactory.getLog(ConfigurationErrors.class);

	private final DataSource dataSource;

	private final WorkerTracking tracking;

	private final Duration recheckedAfter;

	private final Map<Integer, StoredVectorizerConfig> reported = new ConcurrentHashMap<>();

	ConfigurationErrors(DataSource dataSource, WorkerTracking tracking, Duration recheckedAfter) {
		this.dataSource = dataSource;
		this.tracking = tracking;
		this.recheckedAfter = recheckedAfter;
	}

	/** Records the error unless it was recorded for the same config before. */
	void report(Vectorizer vectorizer, VectorizerConfigurationException ex) {
		StoredVectorizerConfig previous = this.reported.put(vectorizer.id(), vectorizer.storedConfig());
		if (vectorizer.storedConfig().equals(previous)) {
			return;
		}
		logger.error(ex.getMessage() + " Its queue is left untouched until the vectorizer's config changes"
				+ " (checked again in " + this.recheckedAfter + ").", ex);
		try (Connection connection = this.dataSource.getConnection()) {
			FailureRecorder.recordConfigurationError(connection, vectorizer, ex);
			this.tracking.progress(connection, vectorizer.id(), 0, ex.getMessage());
		}
		catch (SQLException sqlException) {
			logger.warn("Cannot record the configuration error of " + vectorizer + ": " + sqlException.getMessage());
		}
	}

}
