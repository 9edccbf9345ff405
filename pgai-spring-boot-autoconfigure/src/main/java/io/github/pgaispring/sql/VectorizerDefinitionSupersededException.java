package io.github.pgaispring.sql;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Thrown when a declared vectorizer with {@code on-change: migrate} declares the definition that a finished
 * migration replaced: typically an application instance with the old configuration, started during or after a
 * rolling deploy of the new one. Migrating it would migrate the vectorizer back, embed every row again, and have the
 * instances with the new configuration migrate it forth once more.
 */
public class VectorizerDefinitionSupersededException extends IllegalStateException {

	private final String vectorizerName;

	private final List<String> parts;

	private final OffsetDateTime startedAt;

	private final OffsetDateTime switchedAt;

	private final String migrateBackSql;

	/**
	 * Creates the exception.
	 * @param vectorizerName the vectorizer
	 * @param parts the parts of the definition that the declaration has as they were before the migration
	 * @param startedAt when the migration started
	 * @param switchedAt when it switched the vectorizer to the new definition
	 * @param migrateBackSql the statement that migrates the vectorizer back to the declared definition on purpose
	 */
	public VectorizerDefinitionSupersededException(String vectorizerName, List<String> parts, OffsetDateTime startedAt,
			OffsetDateTime switchedAt, String migrateBackSql) {
		super("Vectorizer '" + vectorizerName + "' was migrated away from the declared definition (" + String.join(", ",
				parts) + ") by a migration that started at " + startedAt + " and switched at " + switchedAt
				+ "; this application still declares the definition it had before");
		this.vectorizerName = vectorizerName;
		this.parts = List.copyOf(parts);
		this.startedAt = startedAt;
		this.switchedAt = switchedAt;
		this.migrateBackSql = migrateBackSql;
	}

	/** The vectorizer's name. */
	public String getVectorizerName() {
		return this.vectorizerName;
	}

	/** The parts ({@code embedding}, {@code formatting}, ...) declared as they were before the migration. */
	public List<String> getParts() {
		return this.parts;
	}

	/** When the migration started. */
	public OffsetDateTime getStartedAt() {
		return this.startedAt;
	}

	/** When the migration switched the vectorizer to the definition it has now. */
	public OffsetDateTime getSwitchedAt() {
		return this.switchedAt;
	}

	/** The {@code SELECT ai.migrate_vectorizer(...)} that migrates back to the declared definition on purpose. */
	public String getMigrateBackSql() {
		return this.migrateBackSql;
	}

}
