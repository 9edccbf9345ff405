package io.github.pgaispring.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PrivateCluster}: a server of the test's own that can be restarted, with pgvector, and a streaming
 * standby that follows it.
 */
class PrivateClusterTests {

	@Test
	void aPrivateClusterRestartsKeepingItsDataAndFeedsAStandby() throws SQLException {
		try (PrivateCluster primary = PrivateCluster.start()) {
			DataSource dataSource = primary.createDatabase("app");
			execute(dataSource, "create table items (id int primary key, embedding vector(3))",
					"insert into items values (1, '[1,2,3]')");

			primary.stopServer();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(dataSource, "select 1"));
			primary.startServer();
			assertThat(query(dataSource, "select embedding::text from items")).isEqualTo("[1,2,3]");

			try (PrivateCluster standby = primary.startStandby()) {
				DataSource replica = standby.dataSource("app");
				assertThat(query(replica, "select pg_is_in_recovery()::text")).isEqualTo("true");
				execute(dataSource, "insert into items values (2, '[4,5,6]')");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> query(replica, "select count(*)::text from items").equals("2"));
				assertThat(standby.port()).isNotEqualTo(primary.port());
			}
		}
	}

	private static void execute(DataSource dataSource, String... statements) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String query(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
