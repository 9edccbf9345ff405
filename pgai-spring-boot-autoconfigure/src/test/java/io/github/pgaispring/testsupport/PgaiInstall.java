package io.github.pgaispring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * pgai's own installer in tests: pgai 0.12.1's real {@code ai.sql} (copied unchanged from pgai's repository into
 * {@code pgai-ai-0.12.1.sql}), rendered and run as {@code pgai install} runs it: {@code @extschema:vector@} becomes the
 * schema of the {@code vector} extension, {@code __version__} the library version, and the whole script runs in one
 * transaction. Another version stands for a later pgai release, whose installer replays the same migrations.
 */
public final class PgaiInstall {

	/** The version of the real script. */
	public static final String VERSION = "0.12.1";

	/** A version for a later release that replays the same migrations. */
	public static final String NEXT_VERSION = "0.12.2";

	private static final String SCRIPT = "pgai-ai-0.12.1.sql";

	private PgaiInstall() {
	}

	/**
	 * Runs pgai's installer as {@code pgai install} of the given version would.
	 * @param dataSource the database; the {@code vector} extension must be installed
	 * @param version the library version to render
	 * @throws SQLException as pgai's installer raises it, for example SQLSTATE 42710 "the pgai library has already been
	 * installed/upgraded" when the database has this version already
	 */
	public static void install(DataSource dataSource, String version) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.setEscapeProcessing(false);
				statement.execute(render(vectorSchema(statement), version));
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	private static String vectorSchema(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select n.nspname from pg_extension x"
				+ " join pg_namespace n on n.oid = x.extnamespace where x.extname = 'vector'")) {
			if (!rs.next()) {
				throw new IllegalStateException("pgai install creates the vector extension first; the test database has none");
			}
			return rs.getString(1);
		}
	}

	private static String render(String vectorSchema, String version) {
		try (InputStream script = PgaiInstall.class.getResourceAsStream(SCRIPT)) {
			if (script == null) {
				throw new IllegalStateException("Missing test resource " + SCRIPT);
			}
			return new String(script.readAllBytes(), StandardCharsets.UTF_8).replace("@extschema:vector@", vectorSchema)
				.replace("__version__", version);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + SCRIPT, ex);
		}
	}

}
