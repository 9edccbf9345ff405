package io.github.pgaispring.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.sql.PrimaryKeyColumn;
import io.github.pgaispring.sql.StoredVectorizerConfig;
import io.github.pgaispring.sql.Vectorizer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Worker parts that need no database: settings, key type mapping, config accessors and the scheduler.
 */
class WorkerUnitTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void backoffDoublesUpToTheCap() {
		WorkerSettings settings = WorkerSettings.defaults()
			.withRetries(6, Duration.ofSeconds(10), Duration.ofSeconds(60));

		assertThat(List.of(1, 2, 3, 4, 5).stream().map(settings::backoffBeforeRetry)).containsExactly(
				Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(60),
				Duration.ofSeconds(60));
	}

	@Test
	void theWorkersRetryCapLowersButNeverRaisesAVectorizersRetries() {
		List<Vectorizer> vectorizers = List.of(vectorizer(1, "{\"loading\": {\"retries\": 6}}"),
				vectorizer(2, "{\"loading\": {\"retries\": 1}}"), vectorizer(3, "{}"));
		WorkerSettings uncapped = WorkerSettings.defaults();
		WorkerSettings capped = WorkerSettings.defaults().withRetries(2, Duration.ZERO, Duration.ZERO);

		assertThat(vectorizers.stream().map(uncapped::retriesFor)).containsExactly(6, 1, 6);
		assertThat(vectorizers.stream().map(capped::retriesFor)).containsExactly(2, 1, 2);
	}

	@Test
	void invalidSettingsAreRejectedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSettings.defaults().withThreads(0))
			.withMessage("threads must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSettings.defaults().withBatchSize(4096))
			.withMessage("batchSize must be between 1 and 2048, was 4096");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkerSettings.defaults().withPollInterval(Duration.ZERO))
			.withMessage("pollInterval must be positive, was PT0S");
	}

	@Test
	void keyTypesAreMappedFromFormatTypeNames() {
		assertThat(PrimaryKeyType.of("integer")).isEqualTo(PrimaryKeyType.INT4);
		assertThat(PrimaryKeyType.of("character varying(40)")).isEqualTo(PrimaryKeyType.TEXT);
		assertThat(PrimaryKeyType.of("character(4)")).isEqualTo(PrimaryKeyType.TEXT);
		assertThat(PrimaryKeyType.of("timestamp(3) with time zone")).isEqualTo(PrimaryKeyType.TIMESTAMPTZ);
		assertThat(PrimaryKeyType.of("timestamp without time zone")).isEqualTo(PrimaryKeyType.TIMESTAMP);
		assertThat(PrimaryKeyType.of("numeric(12,3)")).isEqualTo(PrimaryKeyType.NUMERIC);
		assertThat(PrimaryKeyType.of("double precision")).isEqualTo(PrimaryKeyType.OTHER);
	}

	@Test
	void typeNamesThatCouldInjectSqlAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PrimaryKeyColumn("id", "integer; drop table x", 1, 1))
			.withMessageContaining("unexpected type name 'integer; drop table x'");
	}

	@Test
	void configAccessorsFollowPgaiDefaults() {
		Vectorizer vectorizer = vectorizer(1, """
				{"loading": {"implementation": "column", "column_name": "body"},
				 "embedding": {"dimensions": 768}, "processing": {"batch_size": 5000},
				 "destination": {"implementation": "column", "embedding_column": "emb"}}""");

		assertThat(vectorizer.loadingColumn()).isEqualTo("body");
		assertThat(vectorizer.dimensions()).isEqualTo(768);
		assertThat(vectorizer.batchSize()).isEqualTo(2048);
		assertThat(vectorizer.retries()).isEmpty();
		assertThat(VectorizerDestination.of(vectorizer)).isEqualTo(new VectorizerDestination.Column("emb"));
		assertThat(vectorizer.queueFailedTable()).isEqualTo("_vectorizer_q_failed_1");
		assertThat(vectorizer(2, "{\"chunking\": {\"chunk_column\": \"old\"}}").loadingColumn()).isEqualTo("old");
		assertThat(vectorizer(3, "{\"loading\": {\"implementation\": \"uri\"}}").batchSize()).isEqualTo(1);
		assertThat(VectorizerDestination.of(vectorizer(4, "{}")))
			.isEqualTo(new VectorizerDestination.Table("public", "docs_embedding_store"));
	}

	@Test
	void theSchedulerTakesTurnsAndHonoursConcurrency() throws InterruptedException {
		VectorizerScheduler scheduler = new VectorizerScheduler(4);
		Vectorizer one = vectorizer(1, "{\"processing\": {\"concurrency\": 1}}");
		Vectorizer two = vectorizer(2, "{}");
		scheduler.update(List.of(one, two));

		List<Integer> taken = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			taken.add(scheduler.take(Duration.ZERO).id());
		}

		assertThat(taken).as("vectorizer 1 runs on one thread at most, vectorizer 2 on all four").containsExactly(1, 2, 2, 2, 2);
		assertThat(scheduler.take(Duration.ofMillis(10))).isNull();
		scheduler.release(one, true);
		assertThat(scheduler.take(Duration.ZERO)).isEqualTo(one);
	}

	@Test
	void idleAndBlockedVectorizersWaitForThePoller() throws InterruptedException {
		VectorizerScheduler scheduler = new VectorizerScheduler(1);
		Vectorizer one = vectorizer(1, "{}");
		scheduler.update(List.of(one));
		scheduler.release(scheduler.take(Duration.ZERO), false);

		assertThat(scheduler.take(Duration.ofMillis(10))).isNull();
		assertThat(scheduler.idle()).containsExactly(one);
		scheduler.activate(1);
		Vectorizer taken = scheduler.take(Duration.ZERO);
		assertThat(taken).isEqualTo(one);

		scheduler.block(taken, Duration.ofHours(1));
		scheduler.release(taken, true);
		scheduler.activate(1);
		assertThat(scheduler.idle()).isEmpty();
		assertThat(scheduler.take(Duration.ofMillis(10))).as("blocked until the config changes").isNull();
		Vectorizer reconfigured = vectorizer(1, "{\"embedding\": {\"dimensions\": 3}}");
		scheduler.update(List.of(reconfigured));
		assertThat(scheduler.take(Duration.ZERO)).isEqualTo(reconfigured);
	}

	/**
	 * A vectorizer whose stored config is a minimal complete one with the given parts' keys merged in; a
	 * legacy {@code chunking.chunk_column} replaces the loading.
	 */
	private static Vectorizer vectorizer(int id, String config) {
		ObjectNode stored = (ObjectNode) json.readTree("""
				{"loading": {"implementation": "column", "column_name": "body"},
				 "embedding": {"implementation": "ollama", "model": "m", "dimensions": 384},
				 "chunking": {"implementation": "character_text_splitter"},
				 "formatting": {"implementation": "python_template"},
				 "processing": {"implementation": "default"},
				 "destination": {"implementation": "table"}}""");
		ObjectNode parts = (ObjectNode) json.readTree(config);
		if (parts.path("chunking").has("chunk_column") && !parts.has("loading")) {
			stored.remove("loading");
		}
		parts.properties().forEach((part) -> ((ObjectNode) stored.get(part.getKey())).setAll((ObjectNode) part.getValue()));
		return new Vectorizer(id, "v" + id, "public", "docs", List.of(new PrimaryKeyColumn("id", "integer", 1, 1)), "ai",
				"_vectorizer_q_" + id, null, StoredVectorizerConfig.read(stored.toString()), false);
	}

}
