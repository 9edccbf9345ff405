package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.pgaispring.sql.IndexingHnswConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * HNSW indexes from {@code ai.indexing_hnsw}: created once {@code min_rows} is reached and the queue is
 * empty, never twice, as {@code halfvec} above 2000 dimensions, by one worker at a time, concurrently with the
 * writes, and again where a failed build left an invalid index.
 */
@PostgresTest
class WorkerIndexingTests {

	private static final IndexingHnswConfig HNSW = new IndexingHnswConfig(10, "vector_cosine_ops", 8, 32, true);

	@Test
	void theIndexIsCreatedOnceMinRowsIsReached(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table indexed (id int primary key, body text)",
				"insert into indexed select i, 'row ' || i from generate_series(1, 5) i");
		Vectorizer vectorizer = vectorizer("public", "indexed").indexing(HNSW).create(dataSource);
		VectorizerWorker worker = worker(dataSource, vectorizer, 3);

		worker.runOnce();
		assertThat(hnswIndexes(dataSource, "indexed_embedding_store")).isEmpty();

		execute(dataSource, "insert into indexed select i, 'row ' || i from generate_series(6, 12) i");
		worker.runOnce();
		assertThat(hnswIndexes(dataSource, "indexed_embedding_store")).singleElement()
			.satisfies((definition) -> assertThat(definition).contains("USING hnsw (embedding vector_cosine_ops)",
					"m='8'", "ef_construction='32'"));

		execute(dataSource, "insert into indexed values (13, 'more')");
		worker.runOnce();
		assertThat(hnswIndexes(dataSource, "indexed_embedding_store")).hasSize(1);
	}

	@Test
	void theIndexWaitsForAnEmptyQueue(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table waiting (id int primary key, body text)",
				"insert into waiting select i, 'row ' || i from generate_series(1, 30) i");
		Vectorizer vectorizer = vectorizer("public", "waiting").indexing(HNSW).batchSize(20).create(dataSource);
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				WorkerSettings.defaults());
		processor.process(vectorizer);

		assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).isFalse();

		processor.process(vectorizer);
		assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).isTrue();
		assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).isFalse();
		assertThat(hnswIndexes(dataSource, "waiting_embedding_store")).hasSize(1);
	}

	@Test
	void onlyOneWorkerBuildsTheIndex(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table contended (id int primary key, body text)",
				"insert into contended select i, 'row ' || i from generate_series(1, 10) i");
		Vectorizer vectorizer = vectorizer("public", "contended").indexing(HNSW).create(dataSource);
		worker(dataSource, vectorizer, 3).runOnce();
		execute(dataSource, "drop index " + hnswIndexNames(dataSource, "contended_embedding_store"));

		try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
			other.setAutoCommit(false);
			statement.execute("select pg_advisory_xact_lock(1982010642, 'public.contended_embedding_store'::regclass::oid::int4)");
			assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).isFalse();
			other.rollback();
		}
		assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).isTrue();
	}

	@Test
	void aBuildRunsConcurrentlyWithWritesAndIsNotStartedTwice(DataSource dataSource) throws Exception {
		Vectorizer vectorizer = embedded(dataSource, "concurrent");
		try (Connection snapshot = dataSource.getConnection()) {
			holdSnapshot(snapshot, "concurrent_embedding_store");
			CompletableFuture<Boolean> build = CompletableFuture
				.supplyAsync(() -> VectorIndexCreator.createIfDue(dataSource, vectorizer));
			await().atMost(Duration.ofSeconds(10)).until(() -> count(dataSource, "select count(*) from pg_stat_activity "
					+ "where query like 'create index concurrently%' and wait_event_type = 'Lock'") == 1);

			assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).as("a second builder").isFalse();
			execute(dataSource, "set statement_timeout = '3s'", "insert into concurrent_embedding_store "
					+ "(id, chunk_seq, chunk, embedding) values (100, 0, 'written during the build', '[1,2,3]')");

			snapshot.rollback();
			assertThat(build.get(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(hnswIndexes(dataSource, "concurrent_embedding_store")).hasSize(1);
		assertThat(count(dataSource, "select count(*) from pg_index where not indisvalid "
				+ "and indrelid = 'concurrent_embedding_store'::regclass")).isZero();
	}

	@Test
	void anIndexThatAFailedBuildLeftInvalidIsBuiltAgain(DataSource dataSource) throws Exception {
		Vectorizer vectorizer = embedded(dataSource, "rebuilt");
		try (Connection snapshot = dataSource.getConnection(); Connection builder = dataSource.getConnection();
				Statement statement = builder.createStatement()) {
			holdSnapshot(snapshot, "rebuilt_embedding_store");
			statement.execute("set statement_timeout = '500ms'");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute(
					"create index concurrently on rebuilt_embedding_store using hnsw (embedding vector_cosine_ops)"));
			snapshot.rollback();
		}
		assertThat(count(dataSource, "select count(*) from pg_index where not indisvalid "
				+ "and indrelid = 'rebuilt_embedding_store'::regclass")).as("left by the cancelled build").isOne();

		assertThat(VectorIndexCreator.createIfDue(dataSource, vectorizer)).isTrue();

		assertThat(rows(dataSource, "select indisvalid from pg_index where indrelid = "
				+ "'rebuilt_embedding_store'::regclass and indexrelid::regclass::text like '%embedding_idx%'"))
			.containsExactly("t");
	}

	/** A vectorizer whose 12 rows are embedded, without its index yet. */
	private static Vectorizer embedded(DataSource dataSource, String table) throws SQLException {
		execute(dataSource, "create table " + table + " (id int primary key, body text)",
				"insert into " + table + " select i, 'row ' || i from generate_series(1, 12) i");
		Vectorizer vectorizer = vectorizer("public", table).indexing(HNSW).create(dataSource);
		new BatchProcessor(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)), WorkerSettings.defaults())
			.process(vectorizer);
		return vectorizer;
	}

	/**
	 * Opens a repeatable-read transaction that has read the table: a concurrent index build waits for it before
	 * it ends (a plain one would not).
	 */
	private static void holdSnapshot(Connection connection, String table) throws SQLException {
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		try (Statement statement = connection.createStatement()) {
			statement.execute("select count(*) from " + table);
		}
	}

	@Test
	void moreThan2000DimensionsAreIndexedAsHalfvec(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table wide (id int primary key, body text)",
				"insert into wide select i, 'row ' || i from generate_series(1, 10) i");
		Vectorizer vectorizer = vectorizer("public", "wide").dimensions(2001).indexing(HNSW).create(dataSource);

		worker(dataSource, vectorizer, 2001).runOnce();

		assertThat(hnswIndexes(dataSource, "wide_embedding_store")).singleElement()
			.satisfies((definition) -> assertThat(definition)
				.contains("USING hnsw (((embedding)::halfvec(2001)) halfvec_cosine_ops)"));
	}

	private static VectorizerWorker worker(DataSource dataSource, Vectorizer vectorizer, int dimensions) {
		return new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(dimensions)),
				WorkerSettings.defaults().withVectorizerNames(Set.of(vectorizer.name()))
					.withRetries(0, Duration.ZERO, Duration.ZERO));
	}

	private static java.util.List<String> hnswIndexes(DataSource dataSource, String table) throws SQLException {
		return rows(dataSource, "select indexdef from pg_indexes where tablename = '" + table
				+ "' and indexdef like '%USING hnsw%'");
	}

	private static String hnswIndexNames(DataSource dataSource, String table) throws SQLException {
		return String.join(", ", rows(dataSource, "select indexname from pg_indexes where tablename = '" + table
				+ "' and indexdef like '%USING hnsw%'"));
	}

}
