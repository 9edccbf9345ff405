package io.github.pgaispring.autoconfigure;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.pgaispring.autoconfigure.switchfixtures.TicketApplication;
import io.github.pgaispring.autoconfigure.switchfixtures.TicketBodyEmbedding;
import io.github.pgaispring.autoconfigure.switchfixtures.TicketSearch;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.EmbeddingTestServer.RecordedRequest;
import io.github.pgaispring.embedding.EmbeddingTestServer.Reply;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A migration to another embedding model with the same dimensions, while an application instance without a worker
 * searches in a loop and another instance (with the new configuration) migrates and switches. Model A and model B
 * are two local OpenAI-style servers whose vectors for the same word differ (B's are A's rotated by one axis), so a
 * query embedded with one model finds the wrong ticket in a store embedded with the other: every search has to be
 * answered by the model of the store it reads, before, during and right after the switch.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class ModelSwitchSearchTests {

	private static final String[] WORDS = { "alpha", "beta", "gamma", "delta" };

	private static final String VECTORIZER = "pgai.vectorizers.tickets_body.";

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Test
	void noSearchAfterTheSwitchIsAnsweredWithTheOldModelsQueryVector(FreshDatabase database) throws Exception {
		try (EmbeddingTestServer modelA = EmbeddingTestServer.start((request) -> reply(request, 0));
				EmbeddingTestServer modelB = EmbeddingTestServer.start((request) -> reply(request, 1))) {
			JdbcTemplate jdbc = fresh(database);
			for (int i = 0; i < WORDS.length; i++) {
				jdbc.update("insert into tickets values (?, ?)", i + 1, WORDS[i]);
			}
			ApplicationContextRunner searching = application(database, modelA, "model-a");
			searching.run((serving) -> {
				assertThat(serving).hasNotFailed();
				await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from tickets_embedding_store",
						Integer.class) == WORDS.length);
				// this instance only searches from now on: the other one migrates and switches
				serving.getBean(VectorizerWorkerLifecycle.class).getWorker().stop();
				try (SearchLoop searches = new SearchLoop(serving.getBean(TicketSearch.class))) {
					searches.awaitMore(20);
					application(database, modelB, "model-b").withPropertyValues(VECTORIZER + "on-change=migrate")
						.run((migrating) -> {
							assertThat(migrating).hasNotFailed();
							await().atMost(WAIT).until(() -> jdbc.queryForObject(
									"select count(*) from ai.pgai_spring_vectorizer_migration_history", Integer.class) == 1);
						});
					int queriesOfBAtTheSwitch = queries(modelB);
					searches.awaitMore(50);
					searches.stop();
					assertThat(searches.failure.get()).as("a search answered with the other model's vector").isNull();
					assertThat(queries(modelB)).as("model B embeds the queries once the switch committed")
						.isGreaterThan(queriesOfBAtTheSwitch);
				}
				assertThat(jdbc.queryForObject("select config->'embedding'->>'model' from ai.vectorizer", String.class))
					.isEqualTo("model-b");
			});
		}
	}

	@Test
	void theGuardIsAOneTimeFilterAboveTheHnswIndexScan(FreshDatabase database) throws Exception {
		try (EmbeddingTestServer modelA = EmbeddingTestServer.start((request) -> reply(request, 0))) {
			JdbcTemplate jdbc = fresh(database);
			application(database, modelA, "model-a").withPropertyValues("pgai.worker.enabled=false",
					"spring.jpa.properties.hibernate.session_factory.statement_inspector=" + LastSql.class.getName())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					jdbc.execute("alter table tickets_embedding_store drop constraint if exists"
							+ " tickets_embedding_store_id_fkey");
					jdbc.update("insert into tickets_embedding_store (embedding_uuid, id, chunk_seq, chunk, embedding)"
							+ " select gen_random_uuid(), i, 0, 'memo ' || i, array[random(), random(), random(),"
							+ " random()]::vector from generate_series(1, 5000) i");
					jdbc.execute("create index tickets_hnsw on tickets_embedding_store using hnsw (embedding vector_cosine_ops)");
					jdbc.execute("analyze tickets_embedding_store");
					assertThat(context.getBean(TicketSearch.class).findNearestByCosine("alpha", Limit.of(5))).hasSize(5);
					String sql = LastSql.last.get();
					assertThat(sql).contains("ai._pgai_spring_embedding_current(");
					String plan = genericPlan(jdbc, sql);
					assertThat(plan).as(plan).contains("One-Time Filter: ", "_pgai_spring_embedding_current",
							"Index Scan using tickets_hnsw");
					assertThat(plan.indexOf("One-Time Filter")).as(plan).isLessThan(plan.indexOf("Index Scan"));
				});
		}
	}

	@Test
	void onACatalogWithoutTheCheckFunctionTextSearchesRunUncheckedAndSaySo(FreshDatabase database,
			CapturedOutput output) throws Exception {
		try (EmbeddingTestServer modelA = EmbeddingTestServer.start((request) -> reply(request, 0))) {
			JdbcTemplate jdbc = fresh(database);
			for (int i = 0; i < WORDS.length; i++) {
				jdbc.update("insert into tickets values (?, ?)", i + 1, WORDS[i]);
			}
			application(database, modelA, "model-a").run((installing) -> {
				assertThat(installing).hasNotFailed();
				await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from tickets_embedding_store",
						Integer.class) == WORDS.length);
			});
			// as on a catalog that only pgai's installer set up, used with pgai.catalog.install=false
			jdbc.execute("drop function ai._pgai_spring_embedding_current(int4, jsonb)");
			application(database, modelA, "model-a").withPropertyValues("pgai.catalog.install=false",
					"pgai.worker.enabled=false",
					"spring.jpa.properties.hibernate.session_factory.statement_inspector=" + LastSql.class.getName())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					TicketSearch search = context.getBean(TicketSearch.class);
					for (String word : WORDS) {
						assertThat(search.findNearestByCosine("find " + word, Limit.of(1)))
							.extracting(TicketBodyEmbedding::getChunk)
							.containsExactly(word);
					}
					assertThat(LastSql.last.get()).contains("<=>").doesNotContain("_pgai_spring_embedding_current");
					assertThat(output).containsOnlyOnce("The ai catalog has no ai._pgai_spring_embedding_current");
				});
		}
	}

	private static JdbcTemplate fresh(FreshDatabase database) {
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("drop schema if exists ai cascade");
		jdbc.execute("drop table if exists tickets, tickets_embedding_store, tickets_embedding_store_next cascade");
		jdbc.execute("create table tickets (id bigint primary key, body text)");
		return jdbc;
	}

	/**
	 * The plan of the statement as the JDBC driver runs it once it is prepared on the server: a generic plan, with
	 * the search's values as parameters ({@code ?} becomes {@code $n}).
	 */
	private static String genericPlan(JdbcTemplate jdbc, String sql) {
		Matcher parameter = Pattern.compile("\\?").matcher(sql);
		StringBuilder prepared = new StringBuilder();
		List<String> values = new ArrayList<>();
		String embedding = jdbc.queryForObject("select quote_literal(config->'embedding') from ai.vectorizer", String.class);
		while (parameter.find()) {
			String before = sql.substring(Math.max(0, parameter.start() - 40), parameter.start());
			String after = sql.substring(parameter.end(), Math.min(sql.length(), parameter.end() + 12));
			values.add(after.startsWith(" as vector") ? "'[1,0,0,0]'" : before.endsWith("embedding_current(") ? "1"
					: after.startsWith(" as jsonb") ? embedding : "5");
			parameter.appendReplacement(prepared, "\\$" + values.size());
		}
		parameter.appendTail(prepared);
		return jdbc.execute((ConnectionCallback<String>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("set plan_cache_mode = force_generic_plan");
				statement.execute("prepare search as " + prepared);
				List<String> plan = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery(
						"explain (costs off) execute search(" + String.join(", ", values) + ")")) {
					while (rows.next()) {
						plan.add(rows.getString(1));
					}
				}
				statement.execute("deallocate search");
				statement.execute("reset plan_cache_mode");
				return String.join("\n", plan);
			}
		});
	}

	private static ApplicationContextRunner application(FreshDatabase database, EmbeddingTestServer server,
			String model) {
		return new ApplicationContextRunner().withUserConfiguration(TicketApplication.class)
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues(VECTORIZER + "source=tickets", VECTORIZER + "loading.column=body",
					VECTORIZER + "chunking.splitter=none", VECTORIZER + "embedding.provider=openai",
					VECTORIZER + "embedding.model=" + model, VECTORIZER + "embedding.dimensions=4",
					VECTORIZER + "embedding.api-key-name=TEST_OPENAI_KEY",
					VECTORIZER + "embedding.base-url=" + server.baseUrl() + "/v1", "TEST_OPENAI_KEY=sk-test",
					"pgai.worker.poll-interval=100ms", "spring.liquibase.enabled=false", "spring.flyway.enabled=false");
	}

	/** The query texts the server embedded so far. */
	private static int queries(EmbeddingTestServer server) {
		return (int) server.requests().stream().flatMap((request) -> request.inputs().stream())
			.filter((input) -> input.startsWith("find "))
			.count();
	}

	/** An OpenAI embeddings response: each word a unit vector, on its own axis turned by {@code rotation} axes. */
	private static Reply reply(RecordedRequest request, int rotation) {
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("object", "list");
		ArrayNode data = response.putArray("data");
		List<String> inputs = request.inputs();
		for (int i = 0; i < inputs.size(); i++) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", i);
			ArrayNode vector = item.putArray("embedding");
			int axis = -1;
			for (int word = 0; word < WORDS.length; word++) {
				if (inputs.get(i).contains(WORDS[word])) {
					axis = (word + rotation) % WORDS.length;
				}
			}
			for (int dimension = 0; dimension < WORDS.length; dimension++) {
				vector.add((dimension == axis) ? 1.0 : (axis < 0) ? 0.5 : 0.0);
			}
		}
		response.put("model", request.body().path("model").stringValue());
		response.putObject("usage").put("prompt_tokens", inputs.size()).put("total_tokens", inputs.size());
		return Reply.json(JsonMapper.shared().writeValueAsString(response));
	}

	/** Searches for each word in turn; the first answer whose nearest ticket is not that word's is kept. */
	private static final class SearchLoop implements AutoCloseable {

		private final AtomicInteger answered = new AtomicInteger();

		private final AtomicReference<String> failure = new AtomicReference<>();

		private final Thread thread;

		private volatile boolean running = true;

		SearchLoop(TicketSearch search) {
			this.thread = new Thread(() -> {
				for (int i = 0; this.running; i++) {
					String word = WORDS[i % WORDS.length];
					try {
						List<TicketBodyEmbedding> nearest = search.findNearestByCosine("find " + word, Limit.of(1));
						List<String> chunks = new ArrayList<>(nearest.stream().map(TicketBodyEmbedding::getChunk).toList());
						if (!chunks.equals(List.of(word))) {
							this.failure.compareAndSet(null, "search " + (i + 1) + " for '" + word + "' found " + chunks);
						}
						this.answered.incrementAndGet();
					}
					catch (RuntimeException ex) {
						this.failure.compareAndSet(null, "search " + (i + 1) + " for '" + word + "': " + ex);
					}
				}
			}, "search-loop");
			this.thread.start();
		}

		void awaitMore(int searches) {
			int target = this.answered.get() + searches;
			await().atMost(WAIT).until(() -> this.answered.get() >= target || this.failure.get() != null);
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join(10_000);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

	/** Keeps the last statement Hibernate prepared. */
	public static final class LastSql implements StatementInspector {

		static final AtomicReference<String> last = new AtomicReference<>();

		@Override
		public String inspect(String sql) {
			last.set(sql);
			return sql;
		}

	}

}
