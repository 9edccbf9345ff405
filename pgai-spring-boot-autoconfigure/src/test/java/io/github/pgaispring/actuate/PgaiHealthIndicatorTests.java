package io.github.pgaispring.actuate;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health contributor's view of the application's own worker, with a worker that sends a heartbeat every
 * 200 ms.
 */
@PostgresTest
class PgaiHealthIndicatorTests {

	@Test
	void isDownWhileTheWorkersHeartbeatDoesNotReachTheDatabase(DataSource dataSource) {
		new CatalogInstaller(dataSource).install();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		VectorizerWorker worker = new VectorizerWorker(dataSource, (config) -> {
			throw new IllegalStateException("no vectorizer to embed");
		}, WorkerSettings.defaults().withHeartbeatInterval(Duration.ofMillis(200)).withPollInterval(Duration.ofMillis(100)));
		try (PgaiHealthIndicator indicator = new PgaiHealthIndicator(new VectorizerCatalog(dataSource),
				new VectorizerQueues(dataSource), JdbcClient.create(dataSource), worker, Duration.ofSeconds(2))) {
			worker.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));

			jdbc.execute("alter function ai._worker_heartbeat(uuid, int4, int4, text) rename to _worker_heartbeat_off");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).startsWith("The worker's last heartbeat reached "
						+ "the database at ")
					.endsWith(", more than PT0.6S ago");
			});

			jdbc.execute("alter function ai._worker_heartbeat_off(uuid, int4, int4, text) rename to _worker_heartbeat");
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
		}
		finally {
			worker.stop();
		}
	}

}
