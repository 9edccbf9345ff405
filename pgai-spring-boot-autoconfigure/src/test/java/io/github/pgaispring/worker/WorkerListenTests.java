package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.testsupport.PrivateCluster;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker wakes on the catalog's notifications instead of waiting for its poll, also after the database
 * restarted under it. The poll interval is 30 s here, so only a notification explains a pickup within seconds.
 */
@PostgresTest
class WorkerListenTests {

	private static final Duration POLL = Duration.ofSeconds(30);

	private static final Duration WELL_BEFORE_THE_POLL = Duration.ofSeconds(5);

	@Test
	void aCommittedRowIsEmbeddedWithoutWaitingForThePoll(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table woken (id int primary key, body text)");
		Vectorizer vectorizer = vectorizer("public", "woken").create(dataSource);
		VectorizerWorker worker = worker(dataSource, vectorizer);
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(worker::isListening);
			awaitIdle(dataSource);

			long committed = System.nanoTime();
			execute(dataSource, "insert into woken values (1, 'fresh')");
			await().atMost(WELL_BEFORE_THE_POLL).pollInterval(Duration.ofMillis(10))
				.until(() -> count(dataSource, "select count(*) from woken_embedding_store") == 1);

			assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(WELL_BEFORE_THE_POLL);
		}
		finally {
			worker.stop();
		}
	}

	@Test
	void afterTheDatabaseRestartedNotificationsWakeTheWorkerAgain() throws SQLException {
		try (PrivateCluster cluster = PrivateCluster.start()) {
			DataSource dataSource = cluster.createDatabase("restarted");
			execute(dataSource, "create table restarted (id int primary key, body text)");
			Vectorizer vectorizer = vectorizer("public", "restarted").create(dataSource);
			VectorizerWorker worker = worker(dataSource, vectorizer);
			worker.start();
			try {
				await().atMost(Duration.ofSeconds(10)).until(worker::isListening);
				awaitIdle(dataSource);
				execute(dataSource, "insert into restarted values (1, 'before')");
				await().atMost(WELL_BEFORE_THE_POLL).until(() -> stored(dataSource) == 1);

				cluster.restart();
				await().atMost(Duration.ofSeconds(20)).until(worker::isListening);
				awaitIdle(dataSource);
				execute(dataSource, "insert into restarted values (2, 'after')");

				await().atMost(WELL_BEFORE_THE_POLL).until(() -> stored(dataSource) == 2);
				assertThat(worker.isRunning()).isTrue();
			}
			catch (RuntimeException | AssertionError ex) {
				throw new AssertionError(ex.getMessage() + "\nServer log:\n" + cluster.log(), ex);
			}
			finally {
				worker.stop();
			}
		}
	}

	private static VectorizerWorker worker(DataSource dataSource, Vectorizer vectorizer) {
		WorkerSettings settings = WorkerSettings.defaults()
			.withPollInterval(POLL)
			.withVectorizerNames(Set.of(vectorizer.name()));
		return new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)), settings);
	}

	/** Waits until the worker's first batch (found nothing) is over and it sits idle, listening. */
	private static void awaitIdle(DataSource dataSource) {
		await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
			.until(() -> count(dataSource, "select count(*) from pg_stat_activity where datname = current_database()"
					+ " and state = 'idle in transaction'") == 0);
	}

	private static long stored(DataSource dataSource) throws SQLException {
		return count(dataSource, "select count(*) from restarted_embedding_store");
	}

}
