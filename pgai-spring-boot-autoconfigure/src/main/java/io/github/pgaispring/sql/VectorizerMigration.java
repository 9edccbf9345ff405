package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A vectorizer migration in progress ({@code ai.vectorizer_migration_status}): the new store that the target
 * vectorizer builds beside the current one, and how far it got.
 *
 * @param vectorizer the vectorizer being migrated, whose store the repositories read
 * @param vectorizerId its id
 * @param target the vectorizer building the new store ({@code <name>_next})
 * @param targetId its id
 * @param targetStore the new store, schema-qualified
 * @param startedAt when the migration started
 * @param backfillRows the rows queued for the new store when it started
 * @param pendingRows the rows queued for it now (including retries)
 * @param waitingFor what the switch waits for, or {@code null} when the next
 * {@link VectorizerMigrations#finish(String)} switches
 * @param rowsPerSecond the recent rate of the backfill: over about the last minute that the reader saw of it (since
 * the migration started when it saw less), or {@code null} before a row is embedded
 */
public record VectorizerMigration(String vectorizer, int vectorizerId, String target, int targetId,
		String targetStore, OffsetDateTime startedAt, long backfillRows, long pendingRows,
		@Nullable String waitingFor, @Nullable Double rowsPerSecond) {

	/** The rows of the backfill embedded so far (rows changed meanwhile are queued again, so this is an estimate). */
	public long embeddedRows() {
		return Math.max(0, this.backfillRows - this.pendingRows);
	}

	/** Embedded rows out of the backfill, 0 to 100. */
	public int percent() {
		return (this.backfillRows > 0) ? (int) Math.min(100, embeddedRows() * 100 / this.backfillRows) : 100;
	}

	/**
	 * The time left at the {@link #rowsPerSecond() recent rate}.
	 * @return the estimate, or {@code null} while no rate is known (nothing embedded, or nothing recently)
	 */
	public @Nullable Duration eta() {
		if (this.pendingRows == 0) {
			return Duration.ZERO;
		}
		if (this.rowsPerSecond == null || this.rowsPerSecond <= 0) {
			return null;
		}
		return Duration.ofMillis(Math.round(this.pendingRows * 1000 / this.rowsPerSecond));
	}

}
