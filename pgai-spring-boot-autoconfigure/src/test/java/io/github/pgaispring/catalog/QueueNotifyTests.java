package io.github.pgaispring.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wake-up trigger of the catalog's vectorizers: one {@code NOTIFY pgai_vectorizer_queue} per statement that
 * changes the source table (not per row), with the queue as payload, at commit; dropped with the vectorizer;
 * added to vectorizers that predate it when the catalog is upgraded.
 */
@PostgresTest
class QueueNotifyTests {

	private static CatalogSql sql;

	private static DataSource dataSource;

	@BeforeAll
	static void installCatalog(DataSource database) {
		dataSource = database;
		sql = CatalogSql.installedIn(database);
	}

	@Test
	void oneNotificationPerStatementWithTheQueueAsPayload() throws SQLException {
		long id = vectorizer("notified");
		try (Connection listener = dataSource.getConnection()) {
			listen(listener);
			sql.execute("insert into notified select i, 'row ' || i from generate_series(1, 100) i",
					"update notified set body = body || '!' where id <= 10", "delete from notified where id = 1");
			sql.jdbc().execute((Connection connection) -> {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("insert into notified values (1000, 'rolled back')");
				}
				connection.rollback();
				return null;
			});

			assertThat(notifications(listener)).as("insert and update, none for the delete and the rollback")
				.containsExactly("ai._vectorizer_q_" + id, "ai._vectorizer_q_" + id);
		}
		assertThat(sql.number("select count(*) from ai._vectorizer_q_" + id)).isEqualTo(100 + 10);
	}

	@Test
	void droppingTheVectorizerDropsItsNotifyTrigger() {
		long id = vectorizer("dropped_notify");

		sql.execute("select ai.drop_vectorizer(" + id + ", drop_all => true)");

		assertThat(sql.number("select count(*) from pg_trigger where tgrelid = 'dropped_notify'::regclass")).isZero();
	}

	@Test
	void anUpgradeGivesOlderVectorizersTheirNotifyTrigger() throws SQLException {
		long id = vectorizer("older");
		sql.execute("drop trigger _vectorizer_src_trg_" + id + "_notify on older",
				"update ai.pgai_spring_catalog set scripts_checksum = 'before the upgrade'");

		new CatalogInstaller(dataSource).install();

		try (Connection listener = dataSource.getConnection()) {
			listen(listener);
			sql.execute("insert into older values (1, 'one')");
			assertThat(notifications(listener)).containsExactly("ai._vectorizer_q_" + id);
		}
	}

	private static long vectorizer(String table) {
		sql.execute("create table " + table + " (id int primary key, body text)");
		return sql.number("select ai.create_vectorizer(?::regclass, loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('m', 3))", table);
	}

	private static void listen(Connection listener) throws SQLException {
		try (Statement statement = listener.createStatement()) {
			statement.execute("listen pgai_vectorizer_queue");
		}
	}

	private static List<String> notifications(Connection listener) throws SQLException {
		List<String> payloads = new ArrayList<>();
		PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(2000);
		while (received != null && received.length > 0) {
			for (PGNotification notification : received) {
				payloads.add(notification.getParameter());
			}
			received = listener.unwrap(PGConnection.class).getNotifications(300);
		}
		return payloads;
	}

}
