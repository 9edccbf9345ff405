package io.github.pgaispring.sample;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/** Waits, in tests, for the vectorizer worker to empty every queue. */
public final class EmbeddingQueues {

	private EmbeddingQueues() {
	}

	/**
	 * Waits until no vectorizer has queued rows, i.e. every row is embedded in its current version.
	 * @param dataSource the database
	 * @param timeout how long to wait at most
	 */
	public static void awaitEmpty(DataSource dataSource, Duration timeout) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jdbc.sql("select coalesce(sum(pending_items), 0) from ai.vectorizer_status")
				.query(Long.class)
				.single() == 0);
	}

}
