package io.github.pgaispring.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerMigration;
import io.github.pgaispring.sql.VectorizerMigrations;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress of a vectorizer migration as the worker logs it (and the actuator shows it): rows embedded of the
 * backfill, the recent rate and the ETA at that rate. The migration is real (ai.migrate_vectorizer on the real
 * catalog); the backfill is what a worker's batches do to the new queue (rows deleted from it), and the reads are
 * taken on a clock the test moves, so that the rates are exact.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class MigrationProgressTests {

	@Test
	void theEtaFollowsTheRateOfTheLastMinuteNotTheAverageSinceASlowStart(FreshDatabase database, CapturedOutput output)
			throws Exception {
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		jdbc.sql("create table docs (id int primary key, body text)").update();
		jdbc.sql("insert into docs select i, 'doc ' || i from generate_series(1, 1000) i").update();
		Vectorizer vectorizer = WorkerTestCatalog.vectorizer("public", "docs").name("docs_body").create(database.dataSource());
		jdbc.sql("delete from ai." + vectorizer.queueTable()).update();
		assertThat(jdbc.sql("select ai.migrate_vectorizer('docs_body', formatting =>"
				+ " ai.formatting_python_template('doc: $chunk'))").query(String.class).single()).isEqualTo("started");
		String targetQueue = jdbc.sql("select 'ai._vectorizer_q_' || target_id from ai.vectorizer_migration_status")
			.query(String.class).single();
		// a slow start: ten minutes in, nothing embedded yet
		jdbc.sql("update ai.pgai_spring_vectorizer_migration set started_at = now() - interval '10 minutes'").update();
		AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
		VectorizerMigrations migrations = new VectorizerMigrations(jdbc, new Clock() {

			@Override
			public Instant instant() {
				return now.get();
			}

			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

		});
		MigrationSwitches switches = new MigrationSwitches(migrations, (switched) -> {
		});

		switches.report();
		assertThat(output).contains("Migration of vectorizer 'docs_body' to public.docs_embedding_store_next: 0 of 1000"
				+ " rows embedded (0%), 1000 queued; the switch waits for 1000 queued rows");

		embed(jdbc, targetQueue, 100);
		now.set(now.get().plusSeconds(10));
		switches.report();
		assertThat(output).as("100 rows in the last 10 s, not 100 rows in 10 minutes").contains(
				"Migration of vectorizer 'docs_body' to public.docs_embedding_store_next: 100 of 1000 rows embedded"
						+ " (10%), 900 queued, 10.0 rows/s, ETA 1m30s; the switch waits for 900 queued rows");

		// a minute later at 5 rows/s: the window has forgotten the faster first reads but the one just before it
		for (int i = 0; i < 6; i++) {
			embed(jdbc, targetQueue, 50);
			now.set(now.get().plusSeconds(10));
			switches.switchCaughtUp();
		}
		VectorizerMigration migration = migrations.findAll().get(0);
		assertThat(migration.embeddedRows()).isEqualTo(400);
		assertThat(migration.rowsPerSecond()).isEqualTo(5.0);
		assertThat(migration.eta()).isEqualTo(Duration.ofMinutes(2));
		assertThat(new VectorizerMigrations(jdbc).findAll().get(0).eta())
			.as("a reader that saw nothing before: the average since the start (400 rows in ten minutes: 15 minutes for 600)")
			.isGreaterThan(Duration.ofMinutes(14));
	}

	/** What the worker's batches do to the new store's queue: the embedded rows leave it. */
	private static void embed(JdbcClient jdbc, String queue, int rows) {
		jdbc.sql("delete from " + queue + " where ctid in (select ctid from " + queue + " limit " + rows + ")").update();
	}

}
