package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerBatchProcessorTests.drain;
import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link BatchProcessor} works through a large backlog: several embedding calls per transaction, claims
 * that continue where the previous one ended without losing rows queued behind it, and statements that look
 * rows up by key even in tables that have no statistics yet.
 */
@PostgresTest
class WorkerBacklogTests {

	private static final WorkerSettings settings = WorkerSettings.defaults().withRetries(2, Duration.ZERO, Duration.ZERO);

	@Test
	void aLargeBacklogIsClaimedSeveralBatchesAtATimeWithOneEmbeddingCallPerBatch(DataSource dataSource)
			throws SQLException {
		execute(dataSource, "create table backlog (id int primary key, body text)",
				"insert into backlog select i, 'row ' || i from generate_series(1, 1000) i");
		Vectorizer vectorizer = vectorizer("public", "backlog").batchSize(20).create(dataSource);
		TestEmbedder embedder = new TestEmbedder(3);
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(embedder), settings);

		List<BatchResult> transactions = drain(processor, vectorizer);

		assertThat(transactions.get(0).embeddedRows()).as("the first transaction claims one batch").isEqualTo(20);
		assertThat(transactions).as("later ones several").anySatisfy(
				(result) -> assertThat(result.embeddedRows()).isGreaterThan(20));
		assertThat(transactions).allSatisfy((result) -> assertThat(result.claimedRows())
			.isLessThanOrEqualTo(20 * ClaimSizes.MAX_CALLS));
		assertThat(transactions.size()).isLessThan(1000 / 20);
		assertThat(embedder.callSizes()).as("one embedding call per batch_size rows").allSatisfy(
				(size) -> assertThat(size).isLessThanOrEqualTo(20));
		assertThat(embedder.embedded()).hasSize(1000).doesNotHaveDuplicates();
		assertThat(count(dataSource, "select count(distinct id) from backlog_embedding_store")).isEqualTo(1000);
	}

	@Test
	void rowsQueuedBehindWhereTheLastClaimEndedAreClaimedToo(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table behind (id int primary key, body text)",
				"insert into behind select i, 'row ' || i from generate_series(1, 3000) i");
		Vectorizer vectorizer = vectorizer("public", "behind").batchSize(50).create(dataSource);
		TestEmbedder embedder = new TestEmbedder(3);
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(embedder), settings);
		for (int i = 0; i < 5; i++) {
			processor.process(vectorizer);
		}
		long claimedSoFar = embedder.embedded().size();
		execute(dataSource, "vacuum " + vectorizer.qualifiedQueue(),
				"insert into behind select i, 'late ' || i from generate_series(3001, 3010) i");
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()
				+ " where (ctid::text::point)[0] < (select max((ctid::text::point)[0]) from "
				+ vectorizer.qualifiedQueue() + " where id <= 3000)"
				+ " and id > 3000")).as("rows queued into the space vacuum freed at the start of the queue")
			.isPositive();

		drain(processor, vectorizer);

		assertThat(claimedSoFar).isLessThan(3000);
		assertThat(embedder.embedded()).hasSize(3010).doesNotHaveDuplicates();
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isZero();
	}

	@Test
	void batchStatementsLookRowsUpByKeyInTablesWithoutStatistics(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table fresh (id bigint primary key, body text)",
				"insert into fresh select i, 'row ' || i from generate_series(1, 20000) i");
		Vectorizer vectorizer = vectorizer("public", "fresh").batchSize(500).create(dataSource);
		execute(dataSource, "insert into fresh_embedding_store (id, chunk_seq, chunk, embedding) "
				+ "select i, s, 'chunk', '[1,2,3]' from generate_series(1, 20000) i, generate_series(0, 1) s");
		QueueStatements sql = new QueueStatements(vectorizer);
		List<PrimaryKey> keys = new ArrayList<>();
		for (long id = 1; id <= 500; id++) {
			keys.add(new PrimaryKey(List.of(id)));
		}
		VectorizerDestination.Table store = (VectorizerDestination.Table) VectorizerDestination.of(vectorizer);

		List<String> plans = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement settings = connection.createStatement()) {
				settings.execute(sql.beforeClaim());
			}
			try (PreparedStatement claim = connection.prepareStatement("explain " + sql.claim(false))) {
				sql.bindClaim(claim, vectorizer.storedConfig().json(), 3, 500);
				plans.addAll(lines(claim));
			}
			try (PreparedStatement write = connection
				.prepareStatement("explain " + sql.lockSourceRowsAndDeleteChunks(store))) {
				sql.bindKeyArrays(write, 1, keys);
				write.setArray(2, connection.createArrayOf("boolean", keys.stream().map((key) -> true).toArray()));
				plans.addAll(lines(write));
			}
			try (PreparedStatement digests = connection
				.prepareStatement("explain " + sql.storedChunkDigests(store))) {
				plans.addAll(lines(digests));
			}
			connection.rollback();
		}

		assertThat(plans).anySatisfy((line) -> assertThat(line).contains("Tid Range Scan"))
			.anySatisfy((line) -> assertThat(line).contains("fresh_embedding_store"))
			.noneSatisfy((line) -> assertThat(line).contains("Seq Scan"));
		for (int i = 0; i < plans.size(); i++) {
			if (plans.get(i).matches(".*Index (Only )?Scan.*")) {
				assertThat((i + 1 < plans.size()) ? plans.get(i + 1) : "").as("an index scan that reads the whole index: " + plans.get(i))
					.contains("Index Cond");
			}
		}
	}

	private static List<String> lines(PreparedStatement explain) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (ResultSet rs = explain.executeQuery()) {
			while (rs.next()) {
				lines.add(rs.getString(1));
			}
		}
		return lines;
	}

}
