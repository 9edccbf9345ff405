package io.github.pgaispring.catalog;

import java.util.List;

/**
 * What {@link CatalogInstaller#install()} found in the database and did to it.
 *
 * @param outcome what happened to the starter's part of the catalog
 * @param sqlApi who installed the functions and views of pgai's SQL API
 * @param catalogVersion the pgai-spring catalog version the database has now
 * @param previousCatalogVersion the pgai-spring catalog version found before, or {@code null} if there was none
 * @param pgaiLibraryVersion the pgai library version the database reports in {@code ai.pgai_lib_version}
 * @param appliedMigrations the versions of the migrations applied by this call, in order (not those recorded
 * without running on pgai's own catalog)
 * @param scriptsApplied whether the idempotent scripts (functions and views) were (re)created
 */
public record CatalogInstallation(Outcome outcome, SqlApi sqlApi, String catalogVersion, String previousCatalogVersion,
		String pgaiLibraryVersion, List<Integer> appliedMigrations, boolean scriptsApplied) {

	/**
	 * Creates a result, copying the migration list.
	 */
	public CatalogInstallation {
		appliedMigrations = List.copyOf(appliedMigrations);
	}

	/** What the installer found and did. */
	public enum Outcome {

		/** The database had no pgai-spring catalog; it was installed. */
		INSTALLED,

		/** An older or changed pgai-spring catalog was brought up to date. */
		UPGRADED,

		/** The pgai-spring catalog was already current; nothing changed. */
		UP_TO_DATE

	}

	/** Who installed the functions and views of pgai's SQL API ({@code ai.create_vectorizer} and the rest). */
	public enum SqlApi {

		/**
		 * The starter: its implementation of pgai 0.12.1's SQL API, with its deliberate differences, and its additions.
		 * {@code ai.pgai_lib_version} says {@code 0.12.1+pgai-spring...}.
		 */
		STARTER,

		/**
		 * pgai's installer ({@code pgai install}), which prepared the database or ran after the starter: the installer
		 * leaves pgai's functions and views as pgai made them and installs only the starter's additions.
		 */
		PGAI

	}

}
