package io.github.pgaispring.worker;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.github.pgaispring.sql.VectorizerMigration;
import io.github.pgaispring.sql.VectorizerMigrations;
import io.github.pgaispring.sql.VectorizerMigrations.FinishOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;

/**
 * The worker's part in vectorizer migrations ({@code ai.migrate_vectorizer}): the target vectorizer of each is an
 * ordinary vectorizer that the worker backfills; this switches the vectorizer to the new store
 * ({@link VectorizerMigrations#finish(String)}) as soon as the migration has caught up, tells the worker's listeners,
 * and logs the progress of each migration with its recent rate and the ETA at that rate. Everything it knows is read from the catalog each time, so a worker that starts
 * after a crash resumes where the last one stopped. Thread-safe.
 */
final class MigrationSwitches {

	private static final Log logger = LogFactory.getLog(MigrationSwitches.class);

	private final VectorizerMigrations migrations;

	private final Consumer<String> switched;

	private volatile List<VectorizerMigration> current = List.of();

	/**
	 * Creates the switches.
	 * @param migrations reads and finishes the migrations
	 * @param switched told the name of each vectorizer switched, after the switch committed
	 */
	MigrationSwitches(VectorizerMigrations migrations, Consumer<String> switched) {
		this.migrations = migrations;
		this.switched = switched;
	}

	/**
	 * Reads the migrations in progress and switches those that have caught up.
	 * @return the migrations still in progress
	 */
	List<VectorizerMigration> switchCaughtUp() {
		List<VectorizerMigration> running = this.migrations.findAll();
		for (VectorizerMigration migration : running) {
			if (migration.waitingFor() == null) {
				finish(migration);
			}
		}
		this.current = running.stream().filter((migration) -> migration.waitingFor() != null).toList();
		return this.current;
	}

	private void finish(VectorizerMigration migration) {
		try {
			FinishOutcome outcome = this.migrations.finish(migration.vectorizer());
			if (outcome == FinishOutcome.SWITCHED) {
				logger.info("Vectorizer '" + migration.vectorizer() + "' switched to its new store after "
						+ format(Duration.between(migration.startedAt(), OffsetDateTime.now())) + " ("
						+ migration.backfillRows() + " rows embedded again); the old store was dropped");
				this.switched.accept(migration.vectorizer());
			}
			else {
				logger.debug("Migration of vectorizer '" + migration.vectorizer() + "': " + outcome);
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Switching vectorizer '" + migration.vectorizer() + "' to its new store failed; will try again: "
					+ ex.getMessage());
		}
	}

	/** Whether the vectorizer builds the new store of a migration, as of the last read. */
	boolean isTarget(int vectorizerId) {
		return this.current.stream().anyMatch((migration) -> migration.targetId() == vectorizerId);
	}

	/** The targets of the migrations of the named vectorizers, as of the last read. */
	Set<String> targetsOf(Set<String> vectorizers) {
		return this.current.stream()
			.filter((migration) -> vectorizers.contains(migration.vectorizer()))
			.map(VectorizerMigration::target)
			.collect(Collectors.toSet());
	}

	/** Logs a progress line per migration in progress. */
	void report() {
		try {
			for (VectorizerMigration migration : this.migrations.findAll()) {
				Duration eta = migration.eta();
				Double rate = migration.rowsPerSecond();
				logger.info("Migration of vectorizer '" + migration.vectorizer() + "' to " + migration.targetStore()
						+ ": " + migration.embeddedRows() + " of " + migration.backfillRows() + " rows embedded ("
						+ migration.percent() + "%), " + migration.pendingRows() + " queued"
						+ ((rate != null) ? String.format(Locale.ROOT, ", %.1f rows/s", rate) : "")
						+ ((eta != null) ? ", ETA " + format(eta) : "")
						+ ((migration.waitingFor() != null) ? "; the switch waits for " + migration.waitingFor()
								: "; switching"));
			}
		}
		catch (DataAccessException ex) {
			logger.debug("Migration progress report failed", ex);
		}
	}

	private static String format(Duration duration) {
		return duration.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
