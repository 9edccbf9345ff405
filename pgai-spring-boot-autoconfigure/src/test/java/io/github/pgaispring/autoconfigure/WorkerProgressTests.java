package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.progress.EmbeddingFailedException;
import io.github.pgaispring.progress.EmbeddingTimeoutException;
import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.progress.VectorizerCaughtUpEvent;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Knowing when rows are embedded: the log line and {@link VectorizerCaughtUpEvent} of every drained backlog, and
 * {@link VectorizerAwaiter} for a vectorizer or a row, against a local server speaking OpenAI's API.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class WorkerProgressTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void everyDrainedBacklogIsLoggedAndPublishedHoweverSmall(FreshDatabase database, CapturedOutput output)
			throws IOException {
		JdbcTemplate jdbc = table(database, "notes");
		CaughtUpEvents events = new CaughtUpEvents();
		try (EmbeddingTestServer openAi = openAi()) {
			runner(database, openAi, "notes").withBean(CaughtUpEvents.class, () -> events).run((context) -> {
				assertThat(context).hasNotFailed();
				jdbc.update("insert into notes values (1, 'first'), (2, 'second')");
				await().atMost(WAIT).until(() -> events.received.size() == 1);
				jdbc.update("insert into notes values (3, 'third')");
				await().atMost(WAIT).until(() -> events.received.size() == 2);

				assertThat(events.received).extracting(VectorizerCaughtUpEvent::getVectorizer).containsOnly("notes");
				assertThat(events.received).extracting(VectorizerCaughtUpEvent::getRows).containsExactly(2L, 1L);
				assertThat(events.received).extracting(VectorizerCaughtUpEvent::getChunks).containsExactly(2L, 1L);
				assertThat(events.received).allSatisfy((event) -> assertThat(event.getElapsed()).isPositive());
				assertThat(output.getOut()).containsPattern("vectorizer notes \\(id \\d+\\) caught up: 2 rows \\(2 chunks\\) "
						+ "embedded in \\d+\\.\\d s")
					.containsPattern("vectorizer notes \\(id \\d+\\) caught up: 1 rows \\(1 chunks\\) embedded in");
			});
		}
	}

	@Test
	void waitsForARowByItsKeyAndForEveryRowQueuedBefore(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "slow");
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3).delayedBy(300))) {
			runner(database, openAi, "slow").withPropertyValues("pgai.vectorizers.slow.processing.batch-size=1")
				.run((context) -> {
					VectorizerAwaiter awaiter = context.getBean(VectorizerAwaiter.class);
					jdbc.update("insert into slow select i, 'row ' || i from generate_series(1, 4) i");

					awaiter.awaitEmbedded("slow", 2, WAIT);
					assertThat(chunks(jdbc, "slow")).contains("2|row 2");

					awaiter.awaitEmbedded("slow", Map.of("id", 4), WAIT);
					assertThat(chunks(jdbc, "slow")).contains("4|row 4");

					jdbc.update("update slow set body = 'changed' where id = 1");
					awaiter.awaitEmbedded("slow", WAIT);
					assertThat(chunks(jdbc, "slow")).containsExactly("1|changed", "2|row 2", "3|row 3", "4|row 4");

					awaiter.awaitEmbedded(WAIT);
				});
		}
	}

	@Test
	void aWaitThatTimesOutSaysWhatIsLeft(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "idle");
		try (EmbeddingTestServer openAi = openAi()) {
			runner(database, openAi, "idle").withPropertyValues("pgai.worker.enabled=false").run((context) -> {
				VectorizerAwaiter awaiter = context.getBean(VectorizerAwaiter.class);
				jdbc.update("insert into idle values (1, 'one'), (2, 'two')");
				long started = System.nanoTime();

				assertThatExceptionOfType(EmbeddingTimeoutException.class)
					.isThrownBy(() -> awaiter.awaitEmbedded("idle", Duration.ofMillis(300)))
					.withMessageContaining("are not embedded after PT0.3S (idle: 2 entries queued)")
					.withMessageContaining("is a worker running for them (pgai.worker.enabled");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
				assertThatExceptionOfType(EmbeddingTimeoutException.class)
					.isThrownBy(() -> awaiter.awaitEmbedded("idle", 2, Duration.ofMillis(100)))
					.withMessageStartingWith("The row {id=2} of vectorizer idle (id ")
					.withMessageContaining("is still queued after PT0.1S");
				awaiter.awaitEmbedded("idle", 3, Duration.ofMillis(100));
			});
		}
	}

	@Test
	void aRowMovedToTheFailedQueueFailsTheWait(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = table(database, "rejected");
		try (EmbeddingTestServer openAi = EmbeddingTestServer.start((request) -> request.inputs()
			.stream()
			.anyMatch((input) -> input.contains("MARKER"))
					? EmbeddingProviderResponses.openAiError(400, "Invalid input", "invalid_request_error", null)
						.delayedBy(500)
					: EmbeddingProviderResponses.openAi(request, 3))) {
			runner(database, openAi, "rejected")
				.withPropertyValues("pgai.worker.max-retries=1", "pgai.http.retry.max-attempts=1")
				.run((context) -> {
					VectorizerAwaiter awaiter = context.getBean(VectorizerAwaiter.class);
					jdbc.update("insert into rejected values (1, 'fine'), (2, 'MARKER')");

					assertThatExceptionOfType(EmbeddingFailedException.class)
						.isThrownBy(() -> awaiter.awaitEmbedded("rejected", 2, WAIT))
						.withMessageStartingWith("The row {id=2} of vectorizer rejected (id ")
						.withMessageContaining("was moved to ai._vectorizer_q_failed_")
						.withMessageContaining("see ai.vectorizer_errors");
					awaiter.awaitEmbedded("rejected", 1, WAIT);
					jdbc.update("update rejected set body = 'MARKER again' where id = 2");
					assertThatExceptionOfType(EmbeddingFailedException.class)
						.isThrownBy(() -> awaiter.awaitEmbedded("rejected", WAIT))
						.withMessageContaining("Rows were moved to the failed queue since")
						.withMessageContaining("{rejected=1}");
				});
		}
	}

	@Test
	void namesTheVectorizersAndKeyColumnsWhenAskedForOthers(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table pairs (a int, b text, body text, primary key (a, b))");
		try (EmbeddingTestServer openAi = openAi()) {
			runner(database, openAi, "pairs").run((context) -> {
				VectorizerAwaiter awaiter = context.getBean(VectorizerAwaiter.class);
				assertThatIllegalArgumentException().isThrownBy(() -> awaiter.awaitEmbedded("pears", WAIT))
					.withMessageStartingWith("No vectorizer named 'pears'; known: [")
					.withMessageContaining("pairs");
				assertThatIllegalArgumentException().isThrownBy(() -> awaiter.awaitEmbedded("pairs", 1, WAIT))
					.withMessageEndingWith("has the primary key [a, b]; pass a Map of these columns to their values");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> awaiter.awaitEmbedded("pairs", Map.of("a", 1), WAIT))
					.withMessageEndingWith("is [a, b], not [a]");

				jdbc.update("insert into pairs values (1, 'x', 'one'), (1, 'y', 'two')");
				awaiter.awaitEmbedded("pairs", Map.of("a", 1, "b", "y"), WAIT);
				assertThat(jdbc.queryForObject("select chunk from pairs_embedding_store where a = 1 and b = 'y'",
						String.class)).isEqualTo("two");
			});
		}
	}

	private static JdbcTemplate table(FreshDatabase database, String table) {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table " + table + " (id int primary key, body text)");
		return jdbc;
	}

	private static List<String> chunks(JdbcTemplate jdbc, String table) {
		return jdbc.queryForList("select id || '|' || chunk from " + table + "_embedding_store order by id",
				String.class);
	}

	private static EmbeddingTestServer openAi() throws IOException {
		return EmbeddingTestServer.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
	}

	private static ApplicationContextRunner runner(FreshDatabase database, EmbeddingTestServer openAi, String table) {
		return WorkerTestContexts.runner(database)
			.withPropertyValues(WorkerTestContexts.openAiVectorizer(table, openAi.baseUrl(), "sk-progress"));
	}

	static final class CaughtUpEvents implements ApplicationListener<VectorizerCaughtUpEvent> {

		final List<VectorizerCaughtUpEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(VectorizerCaughtUpEvent event) {
			this.received.add(event);
		}

	}

}
