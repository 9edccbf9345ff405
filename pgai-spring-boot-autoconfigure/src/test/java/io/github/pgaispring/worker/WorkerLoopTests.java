package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link VectorizerWorker} against real PostgreSQL: concurrency across threads and instances, latency,
 * fairness, graceful stop, tracking and metrics.
 */
@PostgresTest
class WorkerLoopTests {

	private static final WorkerSettings settings = WorkerSettings.defaults()
		.withPollInterval(Duration.ofMillis(200))
		.withHeartbeatInterval(Duration.ofMillis(300))
		.withProgressLogInterval(Duration.ofMillis(300))
		.withRetries(2, Duration.ZERO, Duration.ZERO);

	/** The settings, restricted to the test's own vectorizers (the database is shared by the class's tests). */
	private static WorkerSettings only(Vectorizer... vectorizers) {
		return settings.withVectorizerNames(Arrays.stream(vectorizers).map(Vectorizer::name).collect(Collectors.toSet()));
	}

	@Test
	void twoWorkerInstancesBackfillTwoThousandRowsWithoutDuplicatesOrGaps(FreshDatabase database) throws SQLException {
		DataSource dataSource = database.dataSource();
		execute(dataSource, "create table backfill (id int primary key, body text)",
				"insert into backfill select i, repeat(E'paragraph\\n\\n', i % 3 + 1) || i from generate_series(1, 2000) i");
		Vectorizer vectorizer = vectorizer("public", "backfill").batchSize(50).create(dataSource);
		long expectedChunks = count(dataSource, "select sum(i % 3 + 2) from generate_series(1, 2000) i");
		TestEmbedder first = new TestEmbedder(3).delayedBy(5);
		TestEmbedder second = new TestEmbedder(3).delayedBy(5);
		VectorizerWorker one = new VectorizerWorker(database.dataSource(), WorkerTestPipeline.factory(first),
				only(vectorizer).withThreads(2));
		VectorizerWorker two = new VectorizerWorker(database.dataSource(), WorkerTestPipeline.factory(second),
				only(vectorizer).withThreads(2));
		one.start();
		two.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> count(dataSource, "select count(*) from backfill_embedding_store") == expectedChunks
						&& count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()) == 0);
		}
		finally {
			one.stop();
			two.stop();
		}

		assertThat(count(dataSource, "select count(distinct id) from backfill_embedding_store")).isEqualTo(2000);
		assertThat(count(dataSource, "select count(*) from backfill b join backfill_embedding_store s using (id) "
				+ "where s.chunk = b.id::text and s.chunk_seq = b.id % 3 + 1")).isEqualTo(2000);
		assertThat(first.embedded().size() + second.embedded().size()).as("each chunk embedded exactly once")
			.isEqualTo(expectedChunks);
		assertThat(first.embedded()).isNotEmpty();
		assertThat(second.embedded()).isNotEmpty();
		assertThat(count(dataSource, "select success_count from ai.vectorizer_worker_progress where vectorizer_id = "
				+ vectorizer.id())).isEqualTo(2000);
		assertThat(count(dataSource, "select sum(success_count) from (select success_count from "
				+ "ai.vectorizer_worker_process order by started desc limit 2) workers")).isEqualTo(2000);
	}

	@Test
	void newRowsAreEmbeddedWithinAboutASecondOfCommit(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table latency (id int primary key, body text)");
		Vectorizer vectorizer = vectorizer("public", "latency").create(dataSource);
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				only(vectorizer).withPollInterval(Duration.ofMillis(500)));
		worker.start();
		try {
			await().pollDelay(Duration.ofMillis(700)).until(() -> true);
			long committed = System.nanoTime();
			execute(dataSource, "insert into latency values (1, 'fresh')");
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
				.until(() -> count(dataSource, "select count(*) from latency_embedding_store") == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofMillis(1500));
		}
		finally {
			worker.stop();
		}
	}

	@Test
	void vectorizersTakeTurnsSoABacklogDoesNotStarveOthers(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table big (id int primary key, body text)",
				"insert into big select i, 'big ' || i from generate_series(1, 200) i",
				"create table small (id int primary key, body text)",
				"insert into small select i, 'small ' || i from generate_series(1, 10) i");
		Vectorizer big = vectorizer("public", "big").batchSize(10).create(dataSource);
		Vectorizer small = vectorizer("public", "small").batchSize(10).create(dataSource);
		TestEmbedder embedder = new TestEmbedder(3).delayedBy(2);
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(embedder),
				only(big, small));
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> embedder.embedded().size() == 210);
		}
		finally {
			worker.stop();
		}

		List<String> embedded = embedder.embedded();
		int lastSmall = embedded.indexOf("small 10");
		assertThat(lastSmall).as("the small vectorizer's only batch runs within the first turns").isLessThan(40);
	}

	@Test
	void stopLetsTheRunningBatchCommit(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table graceful (id int primary key, body text)",
				"insert into graceful select i, 'row ' || i from generate_series(1, 5) i");
		Vectorizer vectorizer = vectorizer("public", "graceful").create(dataSource);
		TestEmbedder embedder = new TestEmbedder(3).delayedBy(800);
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(embedder),
				only(vectorizer));
		worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> embedder.calls() == 1);
		assertThat(count(dataSource, "select count(*) from graceful_embedding_store")).isZero();

		worker.stop();

		assertThat(worker.isRunning()).isFalse();
		assertThat(count(dataSource, "select count(*) from graceful_embedding_store")).isEqualTo(5);
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isZero();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().startsWith("pgai-worker-")
				&& !thread.getName().equals("pgai-worker-poller") && thread.isAlive());
	}

	@Test
	void theWorkerSendsItsFirstHeartbeatWhenItStartsAndWritesItsHeartbeatInterval(DataSource dataSource)
			throws SQLException {
		execute(dataSource, "create table heartbeat_docs (id int primary key, body text)");
		Vectorizer vectorizer = vectorizer("public", "heartbeat_docs").create(dataSource);
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				only(vectorizer).withHeartbeatInterval(Duration.ofMinutes(5)));
		execute(dataSource, "update ai.vectorizer_worker_process set version = 'before'");
		String process = "ai.vectorizer_worker_process where version <> 'before'";
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> count(dataSource, "select count(*) from " + process) == 1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> count(dataSource, "select heartbeat_count from " + process) == 1);
			assertThat(rows(dataSource, "select expected_heartbeat_interval, last_heartbeat >= started from " + process))
				.as("long before the first scheduled heartbeat, 5 minutes after the start")
				.containsExactly("00:05:00|t");
		}
		finally {
			worker.stop();
		}
	}

	@Test
	void theWorkerReportsHeartbeatsAndProgress(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table tracked (id int primary key, body text)",
				"insert into tracked select i, 'row ' || i from generate_series(1, 7) i");
		Vectorizer vectorizer = vectorizer("public", "tracked").create(dataSource);
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				only(vectorizer));
		worker.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count(dataSource, "select count(*) from tracked_embedding_store") == 7);
		worker.stop();

		String process = "(select id from ai.vectorizer_worker_process order by started desc limit 1)";
		assertThat(rows(dataSource, "select version like 'pgai-spring-boot %', heartbeat_count > 0, success_count, "
				+ "error_count from ai.vectorizer_worker_process where id = " + process)).containsExactly("t|t|7|0");
		assertThat(rows(dataSource, "select success_count, error_count, last_success_process_id = " + process
				+ " from ai.vectorizer_worker_progress where vectorizer_id = " + vectorizer.id()))
			.containsExactly("7|0|t");
	}

	@Test
	void aVectorizerWithAnUnsupportedConfigIsReportedOnceAndDoesNotBlockOthers(DataSource dataSource)
			throws SQLException {
		execute(dataSource, "create table unsupported (id int primary key, body text)",
				"insert into unsupported values (1, 'x')", "create table supported (id int primary key, body text)",
				"insert into supported values (1, 'y')");
		Vectorizer unsupported = vectorizer("public", "unsupported").dimensions(5).create(dataSource);
		Vectorizer supported = vectorizer("public", "supported").create(dataSource);
		TestEmbedder embedder = new TestEmbedder(3);
		PipelineFactory factory = (config) -> {
			if (config.embedding().dimensions() != 3) {
				throw new IllegalArgumentException("the test provider only supports 3 dimensions");
			}
			return new WorkerTestPipeline(config, embedder);
		};
		VectorizerWorker worker = new VectorizerWorker(dataSource, factory, only(unsupported, supported));
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count(dataSource, "select count(*) from supported_embedding_store") == 1);
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		}
		finally {
			worker.stop();
		}

		assertThat(rows(dataSource, "select message, details->>'error_reason' from ai._vectorizer_errors where id = "
				+ unsupported.id())).singleElement()
			.satisfies((error) -> assertThat(error).startsWith("vectorizer configuration not supported|")
				.contains("the test provider only supports 3 dimensions"));
		assertThat(count(dataSource, "select count(*) from " + unsupported.qualifiedQueue())).isOne();
	}

	@Test
	void aStoredConfigThatCannotBeReadIsReportedAndDoesNotHideOrBlockOthers(DataSource dataSource)
			throws SQLException {
		execute(dataSource, "create table unreadable (id int primary key, body text)",
				"insert into unreadable values (1, 'x')", "create table readable (id int primary key, body text)",
				"insert into readable values (1, 'y')");
		Vectorizer unreadable = vectorizer("public", "unreadable").create(dataSource);
		Vectorizer readable = vectorizer("public", "readable").create(dataSource);
		execute(dataSource, "update ai.vectorizer set config = jsonb_set(config, '{chunking,implementation}', "
				+ "'\"bogus\"') where id = " + unreadable.id());
		assertThat(new VectorizerCatalog(dataSource).findAll()).extracting(Vectorizer::name)
			.contains(unreadable.name(), readable.name());
		TestEmbedder embedder = new TestEmbedder(3);
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(embedder),
				only(unreadable, readable));
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count(dataSource, "select count(*) from readable_embedding_store") == 1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count(dataSource, "select count(*) from ai._vectorizer_errors where id = "
						+ unreadable.id()) == 1);
		}
		finally {
			worker.stop();
		}

		assertThat(rows(dataSource, "select message, details->>'error_reason' from ai._vectorizer_errors where id = "
				+ unreadable.id())).singleElement()
			.satisfies((error) -> assertThat(error).startsWith("vectorizer configuration not supported|")
				.contains("Unsupported chunking implementation 'bogus'"));
		assertThat(count(dataSource, "select count(*) from " + unreadable.qualifiedQueue())).isOne();
	}

	@Test
	void runOnceProcessesOnlyTheSelectedEnabledVectorizers(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table chosen (id int primary key, body text)", "insert into chosen values (1, 'a')",
				"create table ignored (id int primary key, body text)", "insert into ignored values (1, 'b')",
				"create table switched_off (id int primary key, body text)", "insert into switched_off values (1, 'c')");
		Vectorizer chosen = vectorizer("public", "chosen").create(dataSource);
		Vectorizer ignored = vectorizer("public", "ignored").create(dataSource);
		Vectorizer switchedOff = vectorizer("public", "switched_off").create(dataSource);
		execute(dataSource, "update ai.vectorizer set disabled = true where id = " + switchedOff.id());
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				settings.withVectorizerNames(Set.of(chosen.name(), switchedOff.name(), "no_such_vectorizer")));

		assertThat(worker.runOnce()).isOne();

		assertThat(count(dataSource, "select count(*) from chosen_embedding_store")).isOne();
		assertThat(count(dataSource, "select count(*) from " + ignored.qualifiedQueue())).isOne();
		assertThat(count(dataSource, "select count(*) from " + switchedOff.qualifiedQueue())).isOne();
	}

	@Test
	void metricsCountRowsChunksFailuresAndQueueDepth(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table measured (id int primary key, body text)",
				"insert into measured values (1, E'a\\n\\nb'), (2, 'c'), (3, 'BADCHUNK')");
		Vectorizer measured = vectorizer("public", "measured").retries(0).create(dataSource);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		VectorizerWorker worker = new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				only(measured), new MicrometerWorkerMetrics(registry));
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("pgai.vectorizer.queue.depth").gauge() != null
						&& registry.get("pgai.vectorizer.queue.depth").gauge().value() == 0
						&& registry.find("pgai.vectorizer.rows").counter() != null);
		}
		finally {
			worker.stop();
		}

		String name = measured.name();
		assertThat(registry.get("pgai.vectorizer.rows").tag("vectorizer", name).counter().count()).isEqualTo(2);
		assertThat(registry.get("pgai.vectorizer.chunks").tag("vectorizer", name).counter().count()).isEqualTo(3);
		assertThat(registry.get("pgai.vectorizer.failures").tag("outcome", "failed_queue").counter().count()).isEqualTo(1);
		assertThat(registry.get("pgai.vectorizer.batch").tag("status", "processed").timer().count()).isOne();
	}

}
