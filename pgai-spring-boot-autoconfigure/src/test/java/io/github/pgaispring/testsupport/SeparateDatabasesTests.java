package io.github.pgaispring.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two test classes get two different databases, each empty and with a working {@code vector} type.
 */
class SeparateDatabasesTests {

	@Test
	void twoTestClassesGetSeparateDatabasesWithVector() throws SQLException {
		FreshDatabase first = TestDatabases.forTestClass(FirstClass.class);
		FreshDatabase second = TestDatabases.forTestClass(SecondClass.class);
		try {
			assertThat(first.name()).isNotEqualTo(second.name());
			assertThat(TestDatabases.forTestClass(FirstClass.class)).isSameAs(first);
			try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
				statement.execute("create table only_in_first (id int primary key, v vector(3))");
				statement.execute("insert into only_in_first values (1, '[1,0,0]'), (2, '[0,1,0]')");
				assertThat(single(statement, "select id from only_in_first order by v <=> '[0.9,0.1,0]' limit 1"))
					.isEqualTo("1");
			}
			try (Connection connection = second.connect(); Statement statement = connection.createStatement()) {
				assertThat(single(statement, "select count(*) from pg_class where relname = 'only_in_first'"))
					.isEqualTo("0");
				assertThat(single(statement, "select '[3,4]'::vector <-> '[0,0]'::vector")).isEqualTo("5");
			}
		}
		finally {
			TestDatabases.releaseAfterClass(FirstClass.class);
			TestDatabases.releaseAfterClass(SecondClass.class);
		}
		assertThat(databaseExists(second, first.name())).isFalse();
	}

	private static boolean databaseExists(FreshDatabase via, String name) throws SQLException {
		TestDatabases.forTestClass(Probe.class);
		try (Connection connection = TestDatabases.forTestClass(Probe.class).connect();
				Statement statement = connection.createStatement()) {
			return single(statement, "select count(*) from pg_database where datname = '" + name + "'").equals("1");
		}
		finally {
			TestDatabases.releaseAfterClass(Probe.class);
		}
	}

	static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static final class FirstClass {

	}

	private static final class SecondClass {

	}

	private static final class Probe {

	}

	/** The extension itself: parameters resolve to this class's own database, which is empty. */
	@PostgresTest
	@Nested
	class InjectedDatabase {

		@Test
		void injectedDatabaseIsFreshAndCurrent(FreshDatabase database) throws SQLException {
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				assertThat(single(statement, "select current_database()")).isEqualTo(database.name());
				assertThat(single(statement,
						"select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')"))
					.isEqualTo("0");
				assertThat(single(statement, "select extname from pg_extension where extname = 'vector'"))
					.isEqualTo("vector");
			}
		}

	}

}
