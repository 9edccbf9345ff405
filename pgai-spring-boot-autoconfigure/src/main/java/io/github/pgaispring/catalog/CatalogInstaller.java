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
 * The catalog is pgai 0.12.1's, object for object, so pgai's own installer runs on it too (see
 * {@code docs/sql-api.md}). Who installed the functions and views of pgai's SQL API decides what this installer
 * does ({@link CatalogInstallation.SqlApi}): while {@code ai.pgai_lib_version} carries the starter's build metadata
 * ({@code 0.12.1+pgai-spring.<version>}) the starter maintains them; once pgai's installer has replaced them (it
 * writes its own version), and on a database prepared by {@code pgai install}, pgai's functions are left as pgai
 * made them and only the starter's additions ({@code ai.embedding_onnx}, the legacy {@code create_vectorizer}
 * forms, ...) are installed.
 */
public final class CatalogInstaller {

	/** The version of the catalog this installer creates. */
	public static final String CATALOG_VERSION = "0.2.0";

	/** The pgai library version whose catalog and SQL API the starter reproduces. */
	public static final String PGAI_LIBRARY_VERSION = "0.12.1";

	/**
	 * What {@code ai.pgai_lib_version} says while the starter provides pgai's SQL API: pgai's version with the
	 * starter's as semver build metadata. Build metadata does not change semver precedence, so pgai's worker reads
	 * it as 0.12.1; pgai's installer compares the exact string, so it installs its functions instead of reporting
	 * "already installed".
	 */
	public static final String PGAI_LIBRARY_VERSION_WITH_STARTER = PGAI_LIBRARY_VERSION + "+pgai-spring."
			+ CATALOG_VERSION;

	/** Key of the transaction-level advisory lock that serialises installers ("pgaispri"). */
	static final long ADVISORY_LOCK_KEY = 0x7067616973707269L;

	/**
	 * The migrations that create objects pgai's installer creates too. A catalog that pgai's installer prepared
	 * records them without running them.
	 */
	static final int LAST_PGAI_EQUIVALENT_MIGRATION = 2;

	/** The catalog version of the first release, whose {@code ai.pgai_lib_version} was plain {@code 0.12.1}. */
	private static final String FIRST_CATALOG_VERSION = "0.1.0";

	private static final String STARTER_BUILD_METADATA = "+pgai-spring";

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
			String vectorSchema = statement.enquoteIdentifier(vectorSchema(statement), false);
			boolean starterCatalog = exists(statement, "ai.pgai_spring_migration");
			String foundLibraryVersion = exists(statement, "ai.pgai_lib_version") ? pgaiLibraryVersion(statement) : null;
			if (!starterCatalog && foundLibraryVersion == null) {
				requireNoForeignCatalog(statement);
			}
			run(statement, this.scripts.bootstrap(), "creating the installer's bookkeeping tables");
			RecordedState state = recordedState(statement);
			CatalogInstallation.SqlApi sqlApi = sqlApi(foundLibraryVersion, state);
			if (sqlApi == CatalogInstallation.SqlApi.PGAI) {
				requirePgaisSqlApi(statement, foundLibraryVersion);
				if (!starterCatalog) {
					recordPgaiEquivalentMigrations(connection, foundLibraryVersion);
				}
			}
			List<Integer> applied = applyMigrations(connection, statement);
			String checksum = scriptsChecksum(sqlApi, vectorSchema);
			boolean scriptsApplied = state == null || !CATALOG_VERSION.equals(state.version())
					|| !checksum.equals(state.scriptsChecksum());
			if (scriptsApplied) {
				// the pgai API scripts call helpers of the additions, which call pgai's functions: bodies are checked
				// when they run (as pg_dump restores functions), defaults when they are created
				statement.execute("set local check_function_bodies = off");
				if (sqlApi == CatalogInstallation.SqlApi.STARTER) {
					run(statement, CatalogScripts.render(this.scripts.pgaiApi(), vectorSchema),
							"running the catalog scripts (functions and views)");
				}
				run(statement, CatalogScripts.render(this.scripts.additions(), vectorSchema),
						"running the scripts of the starter's additions (functions)");
				recordState(connection, checksum);
			}
			if (sqlApi == CatalogInstallation.SqlApi.STARTER) {
				recordLibraryVersion(connection);
			}
			CatalogInstallation.Outcome outcome = (state == null) ? CatalogInstallation.Outcome.INSTALLED
					: (applied.isEmpty() && !scriptsApplied) ? CatalogInstallation.Outcome.UP_TO_DATE
							: CatalogInstallation.Outcome.UPGRADED;
			return new CatalogInstallation(outcome, sqlApi, CATALOG_VERSION, (state != null) ? state.version() : null,
					pgaiLibraryVersion(statement), applied, scriptsApplied);
		}
	}

	/**
	 * Who provides pgai's SQL API: the starter while the version row is its own (or still the plain {@code 0.12.1}
	 * that the first catalog release wrote, which pgai's installer of that version took for its own and left alone),
	 * pgai's installer as soon as it wrote its version, and on a database it prepared.
	 */
	private static CatalogInstallation.SqlApi sqlApi(String libraryVersion, RecordedState state) {
		boolean starter = libraryVersion == null || isStarterLibraryVersion(libraryVersion)
				|| (state != null && FIRST_CATALOG_VERSION.equals(state.version())
						&& PGAI_LIBRARY_VERSION.equals(libraryVersion));
		return starter ? CatalogInstallation.SqlApi.STARTER : CatalogInstallation.SqlApi.PGAI;
	}

	/**
	 * Whether an {@code ai.pgai_lib_version} version is the one the starter writes while it provides pgai's SQL API
	 * ({@link #PGAI_LIBRARY_VERSION_WITH_STARTER} of this or another catalog version).
	 * @param version the version, or {@code null}
	 * @return whether the starter wrote it
	 */
	public static boolean isStarterLibraryVersion(String version) {
		return version != null && version.contains(STARTER_BUILD_METADATA);
	}

	private String scriptsChecksum(CatalogInstallation.SqlApi sqlApi, String vectorSchema) {
		String scripts = (sqlApi == CatalogInstallation.SqlApi.STARTER) ? this.scripts.pgaiApiChecksum() : "-";
		return CatalogScripts.sha256(sqlApi + "\n" + vectorSchema + "\n" + scripts + "\n" + this.scripts.additionsChecksum());
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

	private static String vectorSchema(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select n.nspname from pg_catalog.pg_extension x"
				+ " join pg_catalog.pg_namespace n on n.oid = x.extnamespace where x.extname = 'vector'")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static boolean exists(Statement statement, String table) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select to_regclass('" + table + "') is not null")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	private static void requireNoForeignCatalog(Statement statement) throws SQLException {
		if (exists(statement, "ai.vectorizer")) {
			throw new CatalogInstallationException("The database has an ai.vectorizer table that neither pgai-spring"
					+ " nor the pgai library (ai.pgai_lib_version) installed, probably from the pgai 'ai' extension"
					+ " 0.9 or older", "upgrade it with 'pgai install' (pgai >= 0.10) or drop the ai schema", null);
		}
	}

	/** The additions call pgai's current {@code ai.create_vectorizer}, which a partial pgai catalog may lack. */
	private static void requirePgaisSqlApi(Statement statement, String libraryVersion) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select to_regprocedure('ai.create_vectorizer(regclass, text, jsonb,"
				+ " jsonb, jsonb, jsonb, jsonb, jsonb, jsonb, jsonb, jsonb, name, name, name[], boolean, boolean)')"
				+ " is not null")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				throw new CatalogInstallationException("The database's ai.pgai_lib_version says pgai library "
						+ libraryVersion + ", but pgai's ai.create_vectorizer(regclass, text, jsonb, ...) is missing, so"
						+ " pgai's installer did not complete", "run 'pgai install' (pgai >= 0.10) again, or drop the ai"
						+ " schema to let the starter install its own catalog", null);
			}
		}
	}

	/** Records the migrations whose objects pgai's installer created, as applied, without running them. */
	private void recordPgaiEquivalentMigrations(Connection connection, String libraryVersion) throws SQLException {
		for (CatalogMigration migration : this.scripts.migrations()) {
			if (migration.version() <= LAST_PGAI_EQUIVALENT_MIGRATION) {
				recordMigration(connection, migration,
						CATALOG_VERSION + " (not run: created by pgai's installer " + libraryVersion + ")");
			}
		}
	}

	private static void recordLibraryVersion(Connection connection) throws SQLException {
		try (PreparedStatement upsert = connection.prepareStatement("insert into ai.pgai_lib_version (name, version)"
				+ " values ('ai', ?) on conflict (name) do update set version = excluded.version,"
				+ " installed_at = pg_catalog.clock_timestamp()"
				+ " where ai.pgai_lib_version.version is distinct from excluded.version")) {
			upsert.setString(1, PGAI_LIBRARY_VERSION_WITH_STARTER);
			upsert.executeUpdate();
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
				recordMigration(connection, migration, CATALOG_VERSION);
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

	private static void recordMigration(Connection connection, CatalogMigration migration, String appliedBy)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("insert into ai.pgai_spring_migration"
				+ " (version, description, checksum, applied_by_version) values (?, ?, ?, ?)")) {
			insert.setInt(1, migration.version());
			insert.setString(2, migration.description());
			insert.setString(3, migration.checksum());
			insert.setString(4, appliedBy);
			insert.executeUpdate();
		}
	}

	private static void recordState(Connection connection, String checksum) throws SQLException {
		try (PreparedStatement upsert = connection.prepareStatement("insert into ai.pgai_spring_catalog"
				+ " (name, version, scripts_checksum) values ('ai', ?, ?) on conflict (name) do update"
				+ " set version = excluded.version, scripts_checksum = excluded.scripts_checksum, updated_at = now()")) {
			upsert.setString(1, CATALOG_VERSION);
			upsert.setString(2, checksum);
			upsert.executeUpdate();
		}
	}

	private static void log(CatalogInstallation installation) {
		String api = (installation.sqlApi() == CatalogInstallation.SqlApi.PGAI)
				? "; pgai's installer provides pgai's SQL API (pgai library " + installation.pgaiLibraryVersion()
						+ "), which was left as it is" : "";
		switch (installation.outcome()) {
			case INSTALLED -> logger.info("Installed the pgai-spring ai catalog " + installation.catalogVersion() + api);
			case UPGRADED -> logger.info("Upgraded the pgai-spring ai catalog from "
					+ installation.previousCatalogVersion() + " to " + installation.catalogVersion()
					+ " (migrations " + installation.appliedMigrations() + ", scripts re-run: "
					+ installation.scriptsApplied() + ")" + api);
			case UP_TO_DATE -> logger.debug("The pgai-spring ai catalog " + installation.catalogVersion()
					+ " is up to date" + api);
		}
	}

	/** The catalog version and idempotent-scripts checksum recorded in {@code ai.pgai_spring_catalog}. */
	private record RecordedState(String version, String scriptsChecksum) {

	}

}
