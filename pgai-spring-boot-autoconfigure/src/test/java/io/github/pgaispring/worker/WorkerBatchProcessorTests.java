package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static io.github.pgaispring.worker.WorkerTestSql.vectorText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BatchProcessor} against real PostgreSQL: claiming, chunking, formatting, embedding, writing,
 * failures, retries and the failed queue.
 */
@PostgresTest
class WorkerBatchProcessorTests {

	private static final WorkerSettings settings = WorkerSettings.defaults().withRetries(2, Duration.ZERO, Duration.ZERO);

	private final TestEmbedder embedder = new TestEmbedder(3);

	@Test
	void insertsUpdatesAndDeletesFlowIntoTheStoreWithFormattedChunks(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table e2e (id int primary key, title text not null, body text)",
				"insert into e2e values (1, 'One', E'alpha beta\\n\\ngamma'), (2, 'Two', 'delta'), (3, 'Three', null)");
		Vectorizer vectorizer = vectorizer("public", "e2e").template("$title: $chunk").create(dataSource);
		BatchProcessor processor = processor(dataSource);

		BatchResult first = processor.process(vectorizer);

		assertThat(first.status()).isEqualTo(BatchResult.Status.PROCESSED);
		assertThat(first.embeddedRows()).isEqualTo(3);
		assertThat(first.chunks()).isEqualTo(3);
		assertThat(store(dataSource, "e2e")).containsExactly(chunk(1, 0, "One: alpha beta"), chunk(1, 1, "One: gamma"),
				chunk(2, 0, "Two: delta"));
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isZero();

		execute(dataSource, "update e2e set body = 'epsilon', title = 'Uno' where id = 1",
				"update e2e set body = E'zeta\\n\\neta' where id = 3", "delete from e2e where id = 2");
		assertThat(store(dataSource, "e2e")).as("the delete trigger removes chunks at once")
			.doesNotContain(chunk(2, 0, "Two: delta"));
		BatchResult second = processor.process(vectorizer);

		assertThat(second.embeddedRows()).isEqualTo(2);
		assertThat(store(dataSource, "e2e")).containsExactly(chunk(1, 0, "Uno: epsilon"), chunk(3, 0, "Three: zeta"),
				chunk(3, 1, "Three: eta"));
		assertThat(processor.process(vectorizer).status()).isEqualTo(BatchResult.Status.EMPTY);
	}

	@Test
	void rowsDeletedBeforeProcessingAreSkipped(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table gone (id int primary key, body text)",
				"insert into gone values (1, 'kept'), (2, 'deleted')");
		Vectorizer vectorizer = vectorizer("public", "gone").create(dataSource);
		execute(dataSource, "delete from gone where id = 2");

		BatchResult result = processor(dataSource).process(vectorizer);

		assertThat(result.skippedRows()).isEqualTo(1);
		assertThat(result.embeddedRows()).isEqualTo(1);
		assertThat(store(dataSource, "gone")).containsExactly(chunk(1, 0, "kept"));
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isZero();
		assertThat(this.embedder.embedded()).containsExactly("kept");
	}

	@Test
	void nullTextRemovesOldChunksWithoutCallingTheEmbedder(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table nulls (id int primary key, body text)",
				"insert into nulls values (1, E'one\\n\\ntwo'), (2, 'other')");
		Vectorizer vectorizer = vectorizer("public", "nulls").create(dataSource);
		BatchProcessor processor = processor(dataSource);
		processor.process(vectorizer);
		int calls = this.embedder.calls();

		execute(dataSource, "update nulls set body = null where id = 1");
		BatchResult result = processor.process(vectorizer);

		assertThat(result.embeddedRows()).isEqualTo(1);
		assertThat(result.chunks()).isZero();
		assertThat(this.embedder.calls()).isEqualTo(calls);
		assertThat(store(dataSource, "nulls")).containsExactly(chunk(2, 0, "other"));
	}

	@Test
	void duplicateQueueEntriesOfOneRowAreEmbeddedOnce(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table dupes (id int primary key, body text)");
		Vectorizer vectorizer = vectorizer("public", "dupes").create(dataSource);
		execute(dataSource, "insert into dupes values (1, 'a')", "update dupes set body = 'b'",
				"update dupes set body = 'c'");
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isEqualTo(3);

		BatchResult result = processor(dataSource).process(vectorizer);

		assertThat(result.embeddedRows()).isEqualTo(1);
		assertThat(this.embedder.embedded()).containsExactly("c");
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isZero();
	}

	@Test
	void aPoisonRowEndsInTheFailedQueueWhileTheOthersAreEmbedded(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table poison (id int primary key, body text)",
				"insert into poison select i, 'text ' || i from generate_series(1, 5) i",
				"update poison set body = 'POISON' where id = 3");
		Vectorizer vectorizer = vectorizer("public", "poison").retries(2).create(dataSource);
		this.embedder.failingFor((text) -> text.contains("POISON"));

		List<BatchResult> results = drain(processor(dataSource), vectorizer);

		assertThat(results.get(0).status()).isEqualTo(BatchResult.Status.FAILED);
		assertThat(results.get(0).retriedRows()).isEqualTo(5);
		assertThat(results.subList(1, results.size())).allSatisfy((result) -> assertThat(result.claimedRows()).isEqualTo(1));
		assertThat(results).hasSize(1 + 4 + 2);
		assertThat(rows(dataSource, "select id from poison_embedding_store order by id")).containsExactly("1", "2", "4",
				"5");
		assertThat(rows(dataSource, "select id, failure_step from " + vectorizer.qualifiedFailedQueue()))
			.containsExactly("3|embedding");
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isZero();
		List<String> errors = rows(dataSource, "select message, details->>'failure_step', details->>'rows', "
				+ "details->>'moved_to_failed_queue', details->'primary_keys'->0->>'id', details->>'error_reason' "
				+ "from ai._vectorizer_errors where id = " + vectorizer.id() + " order by recorded");
		assertThat(errors).hasSize(3);
		assertThat(errors.get(0)).startsWith("embedding provider failed|embedding|5|0|");
		assertThat(errors.get(2)).isEqualTo("embedding provider failed|embedding|1|1|3|provider rejected input: POISON");
		assertThat(rows(dataSource, "select details->>'hint' from ai._vectorizer_errors where id = " + vectorizer.id()))
			.allSatisfy((hint) -> assertThat(hint).contains("retried 2 times", "ai._vectorizer_q_failed_" + vectorizer.id(),
					"requeueFailed"));
	}

	@Test
	void requeueFailedMovesRowsBackForAnotherRound(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table requeue (id int primary key, body text)",
				"insert into requeue values (1, 'POISON'), (2, 'fine')");
		Vectorizer vectorizer = vectorizer("public", "requeue").retries(0).create(dataSource);
		this.embedder.failingFor((text) -> text.contains("POISON"));
		BatchProcessor processor = processor(dataSource);
		drain(processor, vectorizer);
		VectorizerQueues queues = new VectorizerQueues(dataSource);
		assertThat(queues.failed(vectorizer)).isEqualTo(2);

		this.embedder.failingFor((text) -> false);
		assertThat(queues.requeueFailed(vectorizer, FailureStep.LOADING)).isZero();
		assertThat(queues.requeueFailed(vectorizer)).isEqualTo(2);
		assertThat(queues.pending(vectorizer)).isEqualTo(2);
		drain(processor, vectorizer);

		assertThat(rows(dataSource, "select id, chunk from requeue_embedding_store order by id"))
			.containsExactly("1|POISON", "2|fine");
		assertThat(queues.failed(vectorizer)).isZero();
	}

	@Test
	void rowLevelFailuresAffectOnlyTheirRow(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table rowfail (id int primary key, body text)",
				"insert into rowfail values (1, 'good'), (2, 'BADCHUNK here'), (3, 'also good')");
		Vectorizer vectorizer = vectorizer("public", "rowfail").create(dataSource);

		BatchResult result = processor(dataSource).process(vectorizer);

		assertThat(result.status()).isEqualTo(BatchResult.Status.PROCESSED);
		assertThat(result.embeddedRows()).isEqualTo(2);
		assertThat(result.retriedRows()).isEqualTo(1);
		assertThat(rows(dataSource, "select id, loading_retries from " + vectorizer.qualifiedQueue()))
			.containsExactly("2|1");
		assertThat(rows(dataSource, "select message, details->>'error_reason' from ai._vectorizer_errors where id = "
				+ vectorizer.id())).containsExactly("chunking failed|cannot split text containing BADCHUNK");
	}

	@Test
	void aTemplateWithAnUnknownColumnFailsFormattingBeforeAnyEmbeddingCall(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table badtemplate (id int primary key, author text, body text)",
				"insert into badtemplate values (1, 'a', 'x'), (2, 'b', 'y')");
		Vectorizer vectorizer = vectorizer("public", "badtemplate").template("$author: $chunk").create(dataSource);
		execute(dataSource, "alter table badtemplate rename column author to writer");

		BatchResult result = processor(dataSource).process(vectorizer);

		assertThat(result.retriedRows()).isEqualTo(2);
		assertThat(this.embedder.calls()).isZero();
		assertThat(rows(dataSource, "select message, details->>'failure_step', details->>'error_reason', details->>'hint' "
				+ "from ai._vectorizer_errors where id = " + vectorizer.id()))
			.singleElement()
			.satisfies((error) -> assertThat(error).startsWith("formatting failed|formatting|KeyError: 'author'|")
				.contains("every $placeholder of the template must be a column of public.badtemplate"));
	}

	@Test
	void rowsThatFailedBeforeAreRetriedAloneAndOnlyAfterTheirBackoff(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table solo (id int primary key, body text)",
				"insert into solo select i, 'row ' || i from generate_series(1, 3) i");
		Vectorizer vectorizer = vectorizer("public", "solo").create(dataSource);
		execute(dataSource, "update " + vectorizer.qualifiedQueue() + " set loading_retries = 1, loading_retry_after = now()");
		BatchProcessor processor = processor(dataSource);

		assertThat(processor.process(vectorizer).claimedRows()).isEqualTo(1);

		execute(dataSource, "update " + vectorizer.qualifiedQueue() + " set loading_retry_after = now() + interval '1 hour'");
		assertThat(processor.process(vectorizer).status()).isEqualTo(BatchResult.Status.EMPTY);
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isEqualTo(2);
	}

	@Test
	void aRowThatExhaustedTheWorkersRetryCapMovesToTheFailedQueueWithItsStep(DataSource dataSource)
			throws SQLException {
		execute(dataSource, "create table exhausted (id int primary key, body text)",
				"insert into exhausted values (1, 'BADCHUNK')");
		Vectorizer vectorizer = vectorizer("public", "exhausted").create(dataSource);
		assertThat(vectorizer.retries()).as("ai.loading_column's default").hasValue(6);
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(this.embedder),
				WorkerSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO));

		List<BatchResult> results = drain(processor, vectorizer);

		assertThat(results).extracting(BatchResult::retriedRows).containsExactly(1, 0);
		assertThat(results).extracting(BatchResult::failedRows).containsExactly(0, 1);
		assertThat(rows(dataSource, "select id, failure_step from " + vectorizer.qualifiedFailedQueue()))
			.containsExactly("1|chunking");
	}

	@Test
	void retriesWaitWithAGrowingBackoff(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table backoff (id int primary key, body text)",
				"insert into backoff values (1, 'BADCHUNK')");
		Vectorizer vectorizer = vectorizer("public", "backoff").create(dataSource);
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(this.embedder),
				WorkerSettings.defaults().withRetries(6, Duration.ofMinutes(1), Duration.ofMinutes(3)));

		processor.process(vectorizer);
		String queue = vectorizer.qualifiedQueue();
		assertThat(rows(dataSource, "select loading_retries, round(extract(epoch from loading_retry_after - now())) from "
				+ queue)).containsExactly("1|60");
		execute(dataSource, "update " + queue + " set loading_retry_after = now()");
		processor.process(vectorizer);
		assertThat(rows(dataSource, "select loading_retries, round(extract(epoch from loading_retry_after - now())) from "
				+ queue)).containsExactly("2|120");
		execute(dataSource, "update " + queue + " set loading_retry_after = now()");
		processor.process(vectorizer);
		assertThat(rows(dataSource, "select loading_retries, round(extract(epoch from loading_retry_after - now())) from "
				+ queue)).containsExactly("3|180");
	}

	@Test
	void aDisabledVectorizerIsLeftAlone(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table disabled (id int primary key, body text)", "insert into disabled values (1, 'x')");
		Vectorizer vectorizer = vectorizer("public", "disabled").create(dataSource);
		execute(dataSource, "update ai.vectorizer set disabled = true where id = " + vectorizer.id());

		assertThat(processor(dataSource).process(vectorizer).status()).isEqualTo(BatchResult.Status.DISABLED);
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isOne();
	}

	@Test
	void aColumnDestinationGetsOneEmbeddingPerRow(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table coldest (id int primary key, body text)",
				"insert into coldest values (1, 'one'), (2, 'two words')");
		Vectorizer vectorizer = vectorizer("public", "coldest").embeddingColumn("body_embedding").create(dataSource);
		BatchProcessor processor = processor(dataSource);

		processor.process(vectorizer);

		assertThat(rows(dataSource, "select id, body_embedding::text from coldest order by id")).containsExactly(
				"1|" + vectorText(TestEmbedder.vectorOf("one", 3)), "2|" + vectorText(TestEmbedder.vectorOf("two words", 3)));
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue()))
			.as("writing the embedding column does not enqueue the row again").isZero();

		execute(dataSource, "update coldest set body = null where id = 1");
		processor.process(vectorizer);
		assertThat(rows(dataSource, "select id, body_embedding is null from coldest order by id")).containsExactly("1|t",
				"2|f");
	}

	@Test
	void aConfigurationThePipelineFactoryRejectsClaimsNothing(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table rejected (id int primary key, body text)", "insert into rejected values (1, 'x')");
		Vectorizer vectorizer = vectorizer("public", "rejected").create(dataSource);
		BatchProcessor processor = new BatchProcessor(dataSource, (config) -> {
			throw new IllegalArgumentException("unknown embedding implementation 'test'");
		}, settings);

		org.assertj.core.api.Assertions.assertThatExceptionOfType(VectorizerConfigurationException.class)
			.isThrownBy(() -> processor.process(vectorizer))
			.withMessageContaining("unknown embedding implementation 'test'")
			.withMessageContaining(vectorizer.name());
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedQueue())).isOne();
	}

	@Test
	void aFailedWriteKeepsTheOldChunksAndRequeuesTheBatchInTheSameTransaction(DataSource dataSource)
			throws SQLException {
		execute(dataSource, "create table badwrite (id int primary key, body text)",
				"insert into badwrite values (1, 'one'), (2, 'two')");
		Vectorizer vectorizer = vectorizer("public", "badwrite").create(dataSource);
		BatchProcessor processor = processor(dataSource);
		processor.process(vectorizer);
		execute(dataSource, "alter table badwrite_embedding_store add constraint no_bad check (chunk <> 'bad')",
				"update badwrite set body = 'uno' where id = 1", "update badwrite set body = 'bad' where id = 2");

		BatchResult result = processor.process(vectorizer);

		assertThat(result.status()).isEqualTo(BatchResult.Status.FAILED);
		assertThat(result.retriedRows()).isEqualTo(2);
		assertThat(store(dataSource, "badwrite")).as("the deleted chunks come back with the rolled-back write")
			.containsExactly(chunk(1, 0, "one"), chunk(2, 0, "two"));
		assertThat(rows(dataSource, "select id, loading_retries from " + vectorizer.qualifiedQueue() + " order by id"))
			.containsExactly("1|1", "2|1");
		assertThat(rows(dataSource, "select message, details->>'failure_step' from ai._vectorizer_errors where id = "
				+ vectorizer.id()))
			.containsExactly("writing embeddings failed|writing");
	}

	@Test
	void aConfigChangedAfterTheVectorizerWasReadIsUsedForTheNextBatch(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table reconfigured (id int primary key, body text)",
				"insert into reconfigured values (1, 'one')");
		Vectorizer stale = vectorizer("public", "reconfigured").create(dataSource);
		execute(dataSource, "update ai.vectorizer set config = jsonb_set(config, '{formatting,template}', "
				+ "'\"new: $chunk\"') where id = " + stale.id());

		BatchResult result = processor(dataSource).process(stale);

		assertThat(result.embeddedRows()).isOne();
		assertThat(store(dataSource, "reconfigured")).containsExactly(chunk(1, 0, "new: one"));
	}

	@Test
	void aDroppedVectorizerIsReportedAsNotFound(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table dropped (id int primary key, body text)", "insert into dropped values (1, 'x')");
		Vectorizer vectorizer = vectorizer("public", "dropped").create(dataSource);
		execute(dataSource, "select ai.drop_vectorizer(" + vectorizer.id() + ", drop_all => true)");

		assertThat(processor(dataSource).process(vectorizer).status()).isEqualTo(BatchResult.Status.NOT_FOUND);
	}

	@Test
	void eachCommitAddsItsSuccessesToWorkerProgress(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table progress (id int primary key, body text)",
				"insert into progress select i, 'row ' || i from generate_series(1, 5) i");
		Vectorizer vectorizer = vectorizer("public", "progress").batchSize(2).create(dataSource);
		WorkerTracking tracking = new WorkerTracking();
		tracking.register(dataSource, "test", Duration.ofMinutes(1));
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(this.embedder), settings,
				tracking);

		processor.process(vectorizer);
		assertThat(count(dataSource, "select success_count from ai.vectorizer_worker_progress")).isEqualTo(2);
		drain(processor, vectorizer);

		assertThat(rows(dataSource, "select success_count, error_count, last_success_process_id = '"
				+ tracking.workerId() + "' from ai.vectorizer_worker_progress where vectorizer_id = " + vectorizer.id()))
			.containsExactly("5|0|t");
	}

	private BatchProcessor processor(DataSource dataSource) {
		return new BatchProcessor(dataSource, WorkerTestPipeline.factory(this.embedder), settings);
	}

	/** Processes batch transactions until one finds nothing; fails after 1,000. */
	static List<BatchResult> drain(BatchProcessor processor, Vectorizer vectorizer) {
		List<BatchResult> results = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			BatchResult result = processor.process(vectorizer);
			if (!result.claimedWork()) {
				return results;
			}
			results.add(result);
		}
		throw new AssertionError("queue not drained after 1000 transactions: " + results);
	}

	private static List<String> store(DataSource dataSource, String table) throws SQLException {
		return rows(dataSource, "select id, chunk_seq, chunk, embedding::text from " + table
				+ "_embedding_store order by id, chunk_seq");
	}

	private static String chunk(int id, int seq, String text) {
		return id + "|" + seq + "|" + text + "|" + vectorText(TestEmbedder.vectorOf(text, 3));
	}

}
