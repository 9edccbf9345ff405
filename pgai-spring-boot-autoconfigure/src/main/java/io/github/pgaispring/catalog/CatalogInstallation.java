package io.github.pgaispring.catalog;

import java.util.List;

/**
 * What {@link CatalogInstaller#install()} found in the database and did to it.
 *
 * @param outcome what happened
 * @param catalogVersion the pgai-spring catalog version the database has now, or {@code null} for
 * {@link Outcome#PGAI_NATIVE}
 * @param previousCatalogVersion the pgai-spring catalog version found before, or {@code null} if there was none
 * @param pgaiLibraryVersion the pgai library version the database reports in {@code ai.pgai_lib_version}
 * @param appliedMigrations the versions of the migrations applied by this call, in order
 * @param scriptsApplied whether the idempotent scripts (functions and views) were (re)created
 */
public record CatalogInstallation(Outcome outcome, String catalogVersion, String previousCatalogVersion,
		String pgaiLibraryVersion, List<Integer> appliedMigrations, boolean scriptsApplied) {

	/**
	 * Creates a result, copying the migration list.
	 */
	public CatalogInstallation {
		appliedMigrations = List.copyOf(appliedMigrations);
	}

	/** What the installer found and did. */
	public enum Outcome {

		/** The database had no catalog; the pgai-spring catalog was installed. */
		INSTALLED,

		/** An older or changed pgai-spring catalog was brought up to date. */
		UPGRADED,

		/** The pgai-spring catalog was already current; nothing changed. */
		UP_TO_DATE,

		/** pgai's own catalog (installed by {@code pgai install}) is present; it was left alone and is used. */
		PGAI_NATIVE

	}

}
