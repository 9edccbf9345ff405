package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.sql.VectorizerDefinitionChangedException;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class PgaiVectorizersAutoConfigurationTests {

	private static final String PREFIX = "pgai.vectorizers.posts_content.";

	private ApplicationContextRunner runner;

	private JdbcTemplate jdbc;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists posts, posts_embedding_store cascade");
		this.jdbc.execute("create table posts (id bigint primary key, title text, body text)");
		this.jdbc.execute("insert into posts values (1, 'Hello', 'First post')");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, PgaiCatalogAutoConfiguration.class,
					PgaiVectorizersAutoConfiguration.class))
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues(PREFIX + "source=posts", PREFIX + "loading.column=body",
					PREFIX + "formatting.template=$title - $chunk", PREFIX + "chunking.chunk-size=200",
					PREFIX + "chunking.chunk-overlap=20");
	}

	@Test
	void createsTheDeclaredVectorizerWithTheInProcessModelByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForObject("select config->'embedding'->>'implementation' || ':' "
					+ "|| (config->'embedding'->>'dimensions') || ':' || (config->'formatting'->>'template') "
					+ "from ai.vectorizer where name = 'posts_content'", String.class))
				.isEqualTo("onnx:384:$title - $chunk");
			assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_1", Integer.class))
				.as("existing rows are queued").isEqualTo(1);
		});
	}

	@Test
	void unchangedDefinitionLeavesTheVectorizerAlone() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		this.jdbc.update("insert into posts values (2, 'Second', 'Another post')");
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isEqualTo(1);
			assertThat(this.jdbc.queryForObject("select id from ai.vectorizer", Integer.class)).isEqualTo(1);
			assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_1", Integer.class))
				.as("the trigger queued the new row, nothing was re-queued").isEqualTo(2);
		});
	}

	@Test
	void textIndexingIsAppliedInPlaceAndRemovedWhenNoLongerDeclared() {
		this.runner.withPropertyValues(PREFIX + "text-indexing.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForObject("select config->'text_indexing'->>'language' from ai.vectorizer",
					String.class)).isEqualTo("english");
			assertThat(this.jdbc.queryForObject("select count(*) from pg_attribute where attrelid = "
					+ "'posts_embedding_store'::regclass and attname = 'chunk_tsv'", Integer.class)).isEqualTo(1);
		});
		this.runner.withPropertyValues(PREFIX + "text-indexing.enabled=true", PREFIX + "text-indexing.language=simple")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.jdbc.queryForObject("select id || ':' || (config->'text_indexing'->>'language') "
						+ "from ai.vectorizer", String.class)).as("changed in place, not recreated").isEqualTo("1:simple");
			});
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForObject("select count(*) from pg_attribute where attrelid = "
					+ "'posts_embedding_store'::regclass and attname = 'chunk_tsv' and not attisdropped", Integer.class))
				.isZero();
		});
		this.runner.withPropertyValues(PREFIX + "text-indexing.enabled=true", PREFIX + "text-indexing.language=klingon")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidVectorizerPropertyException invalid = causeOfType(context.getStartupFailure(),
						InvalidVectorizerPropertyException.class);
				assertThat(invalid.getProperty()).isEqualTo(PREFIX + "text-indexing.language");
				assertThat(invalid).hasMessageContaining("text search configuration \"klingon\" does not exist");
			});
	}

	@Test
	void changedDefinitionFailsStartupWithTheDifferencesAndTheFix() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues(PREFIX + "chunking.chunk-size=300").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(causeOfType(failure, VectorizerDefinitionChangedException.class))
				.hasMessageContaining("chunking: declared");
			FailureAnalysis analysis = new PgaiFailureAnalyzers.VectorizerDefinitionChanged().analyze(failure);
			assertThat(analysis.getAction()).contains("pgai.vectorizers.posts_content.on-change=recreate");
		});
		assertThat(this.jdbc.queryForObject("select config->'chunking'->>'chunk_size' from ai.vectorizer",
				String.class)).as("nothing changed").isEqualTo("200");
	}

	@Test
	void changedDefinitionIsRecreatedWhenAllowed() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues(PREFIX + "chunking.chunk-size=300", PREFIX + "on-change=recreate")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.jdbc.queryForObject("select id || ':' || (config->'chunking'->>'chunk_size') "
						+ "from ai.vectorizer", String.class)).isEqualTo("2:300");
				assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_2", Integer.class))
					.as("every row is queued again").isEqualTo(1);
				assertThat(this.jdbc.queryForObject("select to_regclass('ai._vectorizer_q_1') is null", Boolean.class))
					.isTrue();
			});
	}

	@Test
	void invalidPropertiesFailStartupNamingTheKeyAndChangeNothing() {
		assertInvalid(PREFIX + "embedding.dimensions=-1", PREFIX + "embedding.dimensions");
		assertInvalid(PREFIX + "chunking.chunk-overlap=200", PREFIX + "chunking.chunk-overlap");
		assertInvalid(PREFIX + "loading.column=", PREFIX + "loading.column");
		assertInvalid(PREFIX + "loading.column=missing", PREFIX + "loading.column");
		assertInvalid(PREFIX + "source=no_such_table", PREFIX + "source");
		assertInvalid(PREFIX + "embedding.provider=openai", PREFIX + "embedding.model");
		assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isZero();
	}

	private void assertInvalid(String property, String expectedKey) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causeOfType(context.getStartupFailure(), InvalidVectorizerPropertyException.class).getProperty())
				.isEqualTo(expectedKey);
			FailureAnalysis analysis = new PgaiFailureAnalyzers.InvalidVectorizerProperty()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(expectedKey);
			assertThat(analysis.getAction()).isNotBlank();
		});
	}

	private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure, failure);
	}

}
