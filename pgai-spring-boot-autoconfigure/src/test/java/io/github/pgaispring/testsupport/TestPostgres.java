package io.github.pgaispring.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server (with pgvector) that tests create their databases on. Chosen once per JVM, in
 * this order:
 * <ol>
 * <li>{@code PGAI_TEST_JDBC_URL} (with {@code PGAI_TEST_DB_USER} / {@code PGAI_TEST_DB_PASSWORD}): any
 * server whose role may create databases;</li>
 * <li>a {@code pgvector/pgvector:pg17} Testcontainers container, when a Docker engine works;</li>
 * <li>the local server prepared by {@code scripts/postgres-pgvector.sh} (127.0.0.1, role and password
 * {@code pgai}, port {@code PGAI_PG_PORT} or 5432).</li>
 * </ol>
 */
public final class TestPostgres {

	static final String DATABASE_PREFIX = "pgai_t_";

	private static final String IMAGE = "pgvector/pgvector:pg17";

	private static final int DROP_ATTEMPTS = 20;

	private static volatile TestPostgres server;

	private final String adminUrl;

	private final String user;

	private final String password;

	private final String description;

	private final AtomicInteger counter = new AtomicInteger();

	private TestPostgres(String adminUrl, String user, String password, String description) {
		this.adminUrl = adminUrl;
		this.user = user;
		this.password = password;
		this.description = description;
	}

	/** The server for this JVM, resolved on first use. */
	public static TestPostgres server() {
		TestPostgres result = server;
		if (result == null) {
			synchronized (TestPostgres.class) {
				result = server;
				if (result == null) {
					result = resolve();
					result.dropDatabasesOfDeadProcesses();
					server = result;
				}
			}
		}
		return result;
	}

	private static TestPostgres resolve() {
		String url = System.getenv("PGAI_TEST_JDBC_URL");
		if (url != null && !url.isBlank()) {
			return new TestPostgres(url, envOr("PGAI_TEST_DB_USER", "pgai"), envOr("PGAI_TEST_DB_PASSWORD", "pgai"),
					"PGAI_TEST_JDBC_URL");
		}
		if (dockerWorks()) {
			PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
			container.start();
			return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers " + IMAGE);
		}
		String port = envOr("PGAI_PG_PORT", "5432");
		return new TestPostgres("jdbc:postgresql://127.0.0.1:" + port + "/" + envOr("PGAI_DB_NAME", "pgai"),
				envOr("PGAI_DB_USER", "pgai"), envOr("PGAI_DB_PASSWORD", "pgai"), "local server on port " + port);
	}

	private static boolean dockerWorks() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * Creates a new, empty database with the {@code vector} extension.
	 * @param purpose a hint that becomes part of the database name (for example the test class)
	 * @return the new database
	 */
	public FreshDatabase createDatabase(String purpose) {
		String name = DATABASE_PREFIX + ProcessHandle.current().pid() + "_" + this.counter.incrementAndGet() + "_"
				+ sanitize(purpose);
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("create database \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database on " + this.description
					+ ". Run scripts/postgres-pgvector.sh, or set PGAI_TEST_JDBC_URL.", ex);
		}
		FreshDatabase database = new FreshDatabase(this, name, urlOf(name), this.user, this.password);
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create extension if not exists vector");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("pgvector is not available on " + this.description, ex);
		}
		return database;
	}

	/**
	 * Drops a database. An autovacuum worker busy in it makes {@code DROP DATABASE ... WITH (FORCE)} fail
	 * for a role that may not signal it, so the drop is retried for a few seconds.
	 */
	void drop(String name) {
		for (int attempt = 1;; attempt++) {
			try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
				statement.execute("drop database if exists \"" + name + "\" with (force)");
				return;
			}
			catch (SQLException ex) {
				if (attempt == DROP_ATTEMPTS) {
					throw new IllegalStateException("Cannot drop test database " + name, ex);
				}
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while dropping test database " + name, ex);
			}
		}
	}

	/** Removes databases left behind by test JVMs that were killed before they could clean up. */
	private void dropDatabasesOfDeadProcesses() {
		List<String> stale = new ArrayList<>();
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement();
				ResultSet rs = statement.executeQuery(
						"select datname from pg_database where datname like '" + DATABASE_PREFIX + "%'")) {
			while (rs.next()) {
				String name = rs.getString(1);
				String[] parts = name.substring(DATABASE_PREFIX.length()).split("_", 2);
				try {
					if (ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
						stale.add(name);
					}
				}
				catch (NumberFormatException ex) {
					// not one of ours
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the test PostgreSQL server (" + this.description
					+ "). Run scripts/postgres-pgvector.sh, or set PGAI_TEST_JDBC_URL.", ex);
		}
		stale.forEach(this::drop);
	}

	private Connection adminConnection() throws SQLException {
		return DriverManager.getConnection(this.adminUrl, this.user, this.password);
	}

	private String urlOf(String database) {
		int slash = this.adminUrl.indexOf('/', "jdbc:postgresql://".length());
		int query = this.adminUrl.indexOf('?', slash);
		return this.adminUrl.substring(0, slash + 1) + database + ((query < 0) ? "" : this.adminUrl.substring(query));
	}

	private static String sanitize(String purpose) {
		String cleaned = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		return (cleaned.length() > 30) ? cleaned.substring(cleaned.length() - 30) : cleaned;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
