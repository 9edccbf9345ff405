package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.EmbeddingTestServer.RecordedRequest;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No provider calls for unchanged text, end to end with the worker, a real database and a local server speaking
 * OpenAI's API that counts the requests: an update that leaves a row's formatted chunks as they are (another column
 * changed) makes no request and leaves the stored chunks untouched; changing one paragraph of a 10-chunk row sends
 * only that chunk, and the row's other chunks keep their vectors; changing a column of the template re-embeds every
 * chunk, and a stored chunk whose text is not the formatted chunk (written by another formatter) is embedded
 * again.
 */
@PostgresTest
class WorkerUnchangedTextTests {

	private static final String API_KEY = "sk-test-unchanged";

	@Test
	void unchangedTextMakesNoProviderCallAndOnlyChangedChunksAreEmbedded(FreshDatabase database) throws IOException {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create table guides (id int primary key, title text, body text, views int default 0)");
		List<String> paragraphs = IntStream.range(0, 10)
			.mapToObj((i) -> "Paragraph " + i + " of the guide, long enough to be a chunk of its own.")
			.toList();
		jdbc.update("insert into guides (id, title, body) values (1, 'Bread', ?), (2, 'Cheese', 'Short.')",
				String.join("\n\n", paragraphs));
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 3))) {
			runner(database, openAi).run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(Duration.ofSeconds(20)).until(() -> chunks(jdbc) == 11 && queued(jdbc) == 0);
				assertThat(inputs(openAi)).hasSize(11);
				Map<Integer, String> before = storedRows(jdbc, 1);

				jdbc.update("update guides set views = views + 1");
				await().atMost(Duration.ofSeconds(20)).until(() -> queued(jdbc) == 0);

				assertThat(openAi.requests()).as("the text did not change: no provider call").hasSize(1);
				assertThat(storedRows(jdbc, 1)).as("the stored chunks were not rewritten").isEqualTo(before);

				jdbc.update("update guides set body = replace(body, 'Paragraph 4 of', 'Paragraph four of') where id = 1");
				await().atMost(Duration.ofSeconds(20)).until(() -> openAi.requests().size() == 2 && queued(jdbc) == 0);

				String changedChunk = "Bread - Paragraph four of the guide, long enough to be a chunk of its own.";
				assertThat(openAi.requests().get(1).inputs()).as("only the changed chunk is embedded")
					.containsExactly(changedChunk);
				Map<Integer, String> after = storedRows(jdbc, 1);
				assertThat(after).hasSize(10);
				for (int seq = 0; seq < 10; seq++) {
					String vector = after.get(seq).substring(after.get(seq).indexOf('|'));
					assertThat(vector).isEqualTo((seq == 4) ? "|[" + changedChunk.length() + ",0.001,0.002]"
							: before.get(seq).substring(before.get(seq).indexOf('|')));
				}

				jdbc.update("update guides set title = 'Sourdough' where id = 1");
				await().atMost(Duration.ofSeconds(20)).until(() -> openAi.requests().size() == 3 && queued(jdbc) == 0);

				assertThat(openAi.requests().get(2).inputs()).as("a template column changed every chunk").hasSize(10)
					.allSatisfy((input) -> assertThat(input).startsWith("Sourdough - "));

				// a store whose chunk holds other text than the formatted chunk (another writer): that chunk is embedded
				jdbc.update("update guides_embedding_store set chunk = 'Paragraph 0 of the guide' where id = 1 and chunk_seq = 0");
				jdbc.update("update guides set views = views + 1 where id = 1");
				await().atMost(Duration.ofSeconds(20)).until(() -> openAi.requests().size() == 4 && queued(jdbc) == 0);

				assertThat(openAi.requests().get(3).inputs()).containsExactly(
						"Sourdough - Paragraph 0 of the guide, long enough to be a chunk of its own.");
			});
		}
	}

	private static ApplicationContextRunner runner(FreshDatabase database, EmbeddingTestServer openAi) {
		String vectorizer = "pgai.vectorizers.guides_body.";
		return WorkerTestContexts.runner(database)
			.withPropertyValues(vectorizer + "source=guides", vectorizer + "loading.column=body",
					vectorizer + "formatting.template=$title - $chunk", vectorizer + "chunking.chunk-size=80",
					vectorizer + "chunking.chunk-overlap=0", vectorizer + "embedding.provider=openai",
					vectorizer + "embedding.model=text-embedding-3-small", vectorizer + "embedding.dimensions=3",
					vectorizer + "embedding.api-key-name=TEST_OPENAI_KEY",
					vectorizer + "embedding.base-url=" + openAi.baseUrl() + "/v1", "TEST_OPENAI_KEY=" + API_KEY,
					"pgai.worker.poll-interval=100ms");
	}

	private static int chunks(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from guides_embedding_store", Integer.class);
	}

	private static int queued(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from ai._vectorizer_q_1", Integer.class);
	}

	/** A row's stored chunks: chunk_seq to "embedding_uuid|embedding". */
	private static Map<Integer, String> storedRows(JdbcTemplate jdbc, int id) {
		return jdbc.queryForList("select chunk_seq, embedding_uuid || '|' || embedding::text as stored"
				+ " from guides_embedding_store where id = ?", id)
			.stream()
			.collect(Collectors.toMap((row) -> (Integer) row.get("chunk_seq"), (row) -> (String) row.get("stored")));
	}

	private static List<String> inputs(EmbeddingTestServer server) {
		return server.requests().stream().map(RecordedRequest::inputs).flatMap(List::stream).toList();
	}

}
