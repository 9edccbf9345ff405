package io.github.pgaispring.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Installs or upgrades the pgai-compatible {@code ai} catalog (tables, config functions,
 * {@code ai.create_vectorizer} and friends) in a PostgreSQL database.
 * <p>
 * Everything happens in one transaction that first takes a fixed advisory lock, so application instances
 * starting at the same time install one after the other and the later ones find the catalog current. Versioned
 * migrations run once and are recorded with their checksum in {@code ai.pgai_spring_migration}; the idempotent
 * scripts ({@code create or replace} functions and views) run again only when the catalog version or their
 * checksum differs from the one recorded in {@code ai.pgai_spring_catalog}, so a normal restart changes nothing.
 * <p>
 * A database prepared by {@code pgai install} (it has {@code ai.pgai_lib_version} but no
 * {@code ai.pgai_spring_migration}) is left alone and reported as {@link CatalogInstallation.Outcome#PGAI_NATIVE}.
 */
public final class CatalogInstaller {

	/** The version of the catalog this installer creates. */
	public static final String CATALOG_VERSION = "0.1.0";

	/** Key of the transaction-level advisory lock that serialises installers ("pgaispri"). */
	static final long ADVISORY_LOCK_KEY = 0x7067616973707269L;

	private static final int MINIMUM_SERVER_VERSION = 150000;

	private static final Log logger = LogFactory.getLog(CatalogInstaller.class);

	private final DataSource dataSource;

	private final CatalogScripts scripts;

	/**
	 * Creates an installer for the database behind the data source.
	 * @param dataSource the database; its user needs to create schemas, tables and functions
	 */
	public CatalogInstaller(DataSource dataSource) {
		this.dataSource = dataSource;
		this.scripts = CatalogScripts.load(CatalogInstaller.class.getClassLoader());
	}

	/**
	 * Installs the catalog, upgrades it, or confirms it is current, in one transaction.
	 * @return what was found and done
	 * @throws CatalogInstallationException if the server is too old, the vector extension is missing and cannot
	 * be created, the recorded catalog does not match this installer, or any SQL fails; nothing is changed then
	 */
	public CatalogInstallation install() {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				CatalogInstallation installation = install(connection);
				connection.commit();
				log(installation);
				return installation;
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection, ex);
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new CatalogInstallationException("Installing the pgai-spring ai catalog failed: " + ex.getMessage(), ex);
		}
	}

	private static void rollback(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private CatalogInstallation install(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("select pg_catalog.pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
			requireSupportedServer(statement);
			createVectorExtension(connection, statement);
			statement.execute("set local search_path = pg_catalog, pg_temp");
			if (isPgaiNative(statement)) {
				return new CatalogInstallation(CatalogInstallation.Outcome.PGAI_NATIVE, null, null,
						pgaiLibraryVersion(statement), List.of(), false);
			}
			requireNoForeignCatalog(statement);
			run(statement, this.scripts.bootstrap(), "creating the installer's bookkeeping tables");
			RecordedState state = recordedState(statement);
			List<Integer> applied = applyMigrations(connection, statement);
			boolean scriptsApplied = state == null || !CATALOG_VERSION.equals(state.version())
					|| !this.scripts.idempotentChecksum().equals(state.scriptsChecksum());
			if (scriptsApplied) {
				run(statement, this.scripts.idempotentScripts(), "running the catalog scripts (functions and views)");
				recordState(connection);
			}
			CatalogInstallation.Outcome outcome = (state == null) ? CatalogInstallation.Outcome.INSTALLED
					: (applied.isEmpty() && !scriptsApplied) ? CatalogInstallation.Outcome.UP_TO_DATE
							: CatalogInstallation.Outcome.UPGRADED;
			return new CatalogInstallation(outcome, CATALOG_VERSION, (state != null) ? state.version() : null,
					pgaiLibraryVersion(statement), applied, scriptsApplied);
		}
	}

	private static void run(Statement statement, String sql, String step) {
		try {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new CatalogInstallationException(
					"Installing the pgai-spring ai catalog failed while " + step + ": " + ex.getMessage(), ex);
		}
	}

	private static void requireSupportedServer(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery(
				"select current_setting('server_version_num')::int, current_setting('server_version')")) {
			rs.next();
			if (rs.getInt(1) < MINIMUM_SERVER_VERSION) {
				throw new CatalogInstallationException("pgai-spring requires PostgreSQL 15 or newer, but the server is "
						+ rs.getString(2), "upgrade the server to PostgreSQL 15 or newer", null);
			}
		}
	}

	private static void createVectorExtension(Connection connection, Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select 1 from pg_catalog.pg_extension where extname = 'vector'")) {
			if (rs.next()) {
				return;
			}
		}
		// PgJDBC's getCatalog() runs a query, which fails once create extension has aborted the transaction
		String database = connection.getCatalog();
		try {
			statement.execute("create extension if not exists vector");
		}
		catch (SQLException ex) {
			throw new CatalogInstallationException("The pgvector extension 'vector' is not installed in database "
					+ database + " and could not be created (" + ex.getMessage() + ")",
					"install pgvector on the server and run 'create extension vector' as a superuser", ex);
		}
	}

	private static boolean isPgaiNative(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select to_regclass('ai.pgai_lib_version') is not null"
				+ " and to_regclass('ai.pgai_spring_migration') is null")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	private static void requireNoForeignCatalog(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select to_regclass('ai.vectorizer') is not null"
				+ " and to_regclass('ai.pgai_spring_migration') is null")) {
			rs.next();
			if (rs.getBoolean(1)) {
				throw new CatalogInstallationException("The database has an ai.vectorizer table that neither pgai-spring"
						+ " nor the pgai library (ai.pgai_lib_version) installed, probably from the pgai 'ai' extension"
						+ " 0.9 or older", "upgrade it with 'pgai install' (pgai >= 0.10) or drop the ai schema", null);
			}
		}
	}

	private static String pgaiLibraryVersion(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select version from ai.pgai_lib_version where name = 'ai'")) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	/** The recorded state, or {@code null} before the first installation. */
	private static RecordedState recordedState(Statement statement) throws SQLException {
		try (ResultSet rs = statement
			.executeQuery("select version, scripts_checksum from ai.pgai_spring_catalog where name = 'ai'")) {
			return rs.next() ? new RecordedState(rs.getString(1), rs.getString(2)) : null;
		}
	}

	private List<Integer> applyMigrations(Connection connection, Statement statement) throws SQLException {
		Map<Integer, String> recorded = new LinkedHashMap<>();
		try (ResultSet rs = statement
			.executeQuery("select version, checksum from ai.pgai_spring_migration order by version")) {
			while (rs.next()) {
				recorded.put(rs.getInt(1), rs.getString(2));
			}
		}
		int newest = this.scripts.migrations().get(this.scripts.migrations().size() - 1).version();
		recorded.keySet().stream().filter((version) -> version > newest).findFirst().ifPresent((version) -> {
			throw new CatalogInstallationException("The database's ai catalog has migration " + version
					+ ", newer than this pgai-spring (which knows migrations up to " + newest
					+ "); upgrade the application instead of running an older version against this database");
		});
		List<Integer> applied = new ArrayList<>();
		for (CatalogMigration migration : this.scripts.migrations()) {
			String checksum = recorded.get(migration.version());
			if (checksum == null) {
				run(statement, migration.sql(),
						"applying catalog migration " + migration.version() + " (" + migration.description() + ")");
				recordMigration(connection, migration);
				applied.add(migration.version());
			}
			else if (!checksum.equals(migration.checksum())) {
				throw new CatalogInstallationException("Catalog migration " + migration.version() + " ("
						+ migration.description() + ") was applied with checksum " + checksum
						+ " but this pgai-spring has checksum " + migration.checksum()
						+ "; released migrations must not change, so this database and this pgai-spring version do not"
						+ " match");
			}
		}
		return applied;
	}

	private static void recordMigration(Connection connection, CatalogMigration migration) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("insert into ai.pgai_spring_migration"
				+ " (version, description, checksum, applied_by_version) values (?, ?, ?, ?)")) {
			insert.setInt(1, migration.version());
			insert.setString(2, migration.description());
			insert.setString(3, migration.checksum());
			insert.setString(4, CATALOG_VERSION);
			insert.executeUpdate();
		}
	}

	private void recordState(Connection connection) throws SQLException {
		try (PreparedStatement upsert = connection.prepareStatement("insert into ai.pgai_spring_catalog"
				+ " (name, version, scripts_checksum) values ('ai', ?, ?) on conflict (name) do update"
				+ " set version = excluded.version, scripts_checksum = excluded.scripts_checksum, updated_at = now()")) {
			upsert.setString(1, CATALOG_VERSION);
			upsert.setString(2, this.scripts.idempotentChecksum());
			upsert.executeUpdate();
		}
	}

	private static void log(CatalogInstallation installation) {
		switch (installation.outcome()) {
			case INSTALLED -> logger.info("Installed the pgai-spring ai catalog " + installation.catalogVersion());
			case UPGRADED -> logger.info("Upgraded the pgai-spring ai catalog from "
					+ installation.previousCatalogVersion() + " to " + installation.catalogVersion()
					+ " (migrations " + installation.appliedMigrations() + ", scripts re-run: "
					+ installation.scriptsApplied() + ")");
			case UP_TO_DATE -> logger.debug("The pgai-spring ai catalog " + installation.catalogVersion()
					+ " is up to date");
			case PGAI_NATIVE -> logger.info("The database has pgai's own ai catalog (pgai library "
					+ installation.pgaiLibraryVersion() + "); using it and installing nothing");
		}
	}

	/** The catalog version and idempotent-scripts checksum recorded in {@code ai.pgai_spring_catalog}. */
	private record RecordedState(String version, String scriptsChecksum) {

	}

}
