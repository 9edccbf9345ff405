package io.github.pgaispring.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.sql.VectorizerDefinitionChangedException;
import io.github.pgaispring.sql.VectorizerDefinitionSupersededException;
import io.github.pgaispring.testsupport.FailureReports;
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

	private final AutoConfigurations autoConfigurations = AutoConfigurations.of(DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, PgaiCatalogAutoConfiguration.class,
			PgaiVectorizersAutoConfiguration.class);

	private JdbcTemplate jdbc;

	private FreshDatabase database;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.database = database;
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists posts, posts_embedding_store, notes cascade");
		this.jdbc.execute("create table posts (id bigint primary key, title text, body text)");
		this.jdbc.execute("insert into posts values (1, 'Hello', 'First post')");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(this.autoConfigurations)
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
			assertThat(analysis.getAction()).contains("pgai.vectorizers.posts_content.on-change=migrate",
					"pgai.vectorizers.posts_content.on-change=recreate");
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
	void batchSizeConcurrencyAndIndexingChangesApplyInPlace() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues(PREFIX + "processing.batch-size=7", PREFIX + "processing.concurrency=2",
				PREFIX + "indexing.type=hnsw").run((context) -> {
					assertThat(context).as("no on-change needed").hasNotFailed();
					assertThat(this.jdbc.queryForObject("select id || ':' || (config->'processing'->>'batch_size') || ':'"
							+ " || (config->'processing'->>'concurrency') || ':' || (config->'indexing'->>'implementation')"
							+ " from ai.vectorizer", String.class)).isEqualTo("1:7:2:hnsw");
					assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_1", Integer.class))
						.as("nothing queued again").isEqualTo(1);
				});
	}

	@Test
	void onChangeMigrateBuildsTheNewStoreBesideTheCurrentOneAndRevertingCancelsIt() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		this.jdbc.update("delete from ai._vectorizer_q_1");
		ApplicationContextRunner migrating = this.runner.withPropertyValues(PREFIX + "formatting.template=$title: $chunk",
				PREFIX + "on-change=migrate");
		migrating.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForList("select id || ' ' || name || ' ' || (config->'formatting'->>'template')"
					+ " from ai.vectorizer order by id", String.class))
				.containsExactly("1 posts_content $title - $chunk", "2 posts_content_next $title: $chunk");
			assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_2", Integer.class))
				.as("every row queued for the new store").isEqualTo(1);
			assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_1", Integer.class)).isZero();
		});
		migrating.run((context) -> {
			assertThat(context).as("another start with the same definition").hasNotFailed();
			assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isEqualTo(2);
		});
		this.jdbc.execute("create table other_posts (like posts including all)");
		this.runner.withPropertyValues(PREFIX + "source=other_posts", PREFIX + "on-change=migrate").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causeOfType(context.getStartupFailure(), VectorizerDefinitionChangedException.class))
				.as("a migration keeps the source").hasMessageContaining("source: declared public.other_posts");
			assertThat(FailureReports.analyze(context.getStartupFailure()).getAction())
				.contains(PREFIX + "on-change=recreate", "a migration cannot change the source or destination")
				.doesNotContain("=migrate");
		});
		this.jdbc.execute("drop table other_posts");
		this.runner.withPropertyValues(PREFIX + "on-change=migrate").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForList("select name from ai.vectorizer", String.class))
				.as("back to the stored definition").containsExactly("posts_content");
			assertThat(this.jdbc.queryForObject("select to_regclass('posts_embedding_store_next') is null",
					Boolean.class)).isTrue();
		});
	}

	@Test
	void anInstanceWithTheDefinitionAFinishedMigrationReplacedFailsInsteadOfMigratingBack() {
		AtomicReference<String> migrateBack = new AtomicReference<>();
		ApplicationContextRunner oldYml = this.runner.withPropertyValues(PREFIX + "on-change=migrate");
		ApplicationContextRunner newYml = this.runner.withPropertyValues(PREFIX + "formatting.template=$title: $chunk",
				PREFIX + "on-change=migrate");
		oldYml.run((context) -> assertThat(context).hasNotFailed());
		newYml.run((context) -> assertThat(context).hasNotFailed());
		this.jdbc.update("delete from ai._vectorizer_q_2"); // what a worker's backfill of the new store does
		assertThat(this.jdbc.queryForObject("select ai.finish_vectorizer_migration('posts_content')", String.class))
			.isEqualTo("switched");
		assertThat(this.jdbc.queryForObject("select vectorizer_name || ' ' || (source_config->'formatting'->>'template')"
				+ " || ' -> ' || (target_config->'formatting'->>'template')"
				+ " from ai.pgai_spring_vectorizer_migration_history", String.class))
			.isEqualTo("posts_content $title - $chunk -> $title: $chunk");

		oldYml.run((context) -> {
			assertThat(context).as("an old instance started after the rolling deploy").hasFailed();
			VectorizerDefinitionSupersededException superseded = causeOfType(context.getStartupFailure(),
					VectorizerDefinitionSupersededException.class);
			assertThat(superseded.getParts()).containsExactly("formatting");
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Vectorizer 'posts_content' was migrated away from the"
					+ " declared definition (formatting)", "switched at " + superseded.getSwitchedAt(),
					"migrate the vectorizer back");
			assertThat(analysis.getAction()).contains("Deploy the configuration the vectorizer has now",
					PREFIX + "formatting.*", "migrate back once by hand with SELECT ai.migrate_vectorizer('posts_content',"
							+ " formatting => ai.formatting_python_template(template=>'$title - $chunk')) and deploy");
			migrateBack.set(superseded.getMigrateBackSql());
		});
		assertThat(this.jdbc.queryForList("select name || ' ' || (config->'formatting'->>'template') from ai.vectorizer",
				String.class)).as("no migration back started").containsExactly("posts_content $title: $chunk");
		newYml.run((context) -> assertThat(context).as("the new configuration is unchanged").hasNotFailed());

		// going back on purpose: the statement of the failure's action, then the old configuration joins it
		assertThat(this.jdbc.queryForObject(migrateBack.get(), String.class)).isEqualTo("started");
		oldYml.run((context) -> assertThat(context).as("joins the migration back").hasNotFailed());
		assertThat(this.jdbc.queryForList("select name from ai.vectorizer order by id", String.class))
			.containsExactly("posts_content", "posts_content_next");
	}

	@Test
	void declaredDefaultsAreWhatPgaisSqlHelpersStore() {
		new CatalogInstaller(this.database.dataSource()).install();
		this.jdbc.execute("create table notes (id bigint primary key, body text)");
		this.jdbc.queryForObject("select ai.create_vectorizer('posts', name => 'posts_content',"
				+ " loading => ai.loading_column('body'), embedding => ai.embedding_onnx())", Integer.class);
		this.jdbc.queryForObject("select ai.create_vectorizer('notes', name => 'notes_body',"
				+ " loading => ai.loading_column('body'), embedding => ai.embedding_onnx(),"
				+ " chunking => ai.chunking_character_text_splitter(), indexing => ai.indexing_hnsw(),"
				+ " processing => ai.processing_default())", Integer.class);
		new ApplicationContextRunner().withConfiguration(this.autoConfigurations)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues(PREFIX + "source=posts", PREFIX + "loading.column=body",
					"pgai.vectorizers.notes_body.source=notes", "pgai.vectorizers.notes_body.loading.column=body",
					"pgai.vectorizers.notes_body.chunking.splitter=character-text-splitter",
					"pgai.vectorizers.notes_body.indexing.type=hnsw")
			.run((context) -> {
				assertThat(context).as("no difference from the vectorizers created with SQL defaults").hasNotFailed();
				assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isEqualTo(2);
			});
		this.jdbc.execute("drop table notes cascade");
	}

	@Test
	void omittedSectionMeansItsDefaultSoAStoredTemplateIsAChange() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		ApplicationContextRunner withoutFormatting = this.runner.withPropertyValues(PREFIX + "formatting.template=$chunk");
		withoutFormatting.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Vectorizer 'posts_content' exists with a different configuration")
				.contains("formatting: declared {\"template\":\"$chunk\"");
			assertThat(analysis.getAction()).contains(PREFIX + "on-change=recreate");
		});
		withoutFormatting.withPropertyValues(PREFIX + "on-change=recreate").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.jdbc.queryForObject("select config->'formatting'->>'template' from ai.vectorizer",
					String.class)).isEqualTo("$chunk");
		});
	}

	@Test
	void invalidPropertiesFailStartupBeforeTheDatabaseIsTouched() {
		assertReported(PREFIX + "embedding.dimensions=-1", PREFIX + "embedding.dimensions=-1");
		assertReported(PREFIX + "chunking.chunk-overlap=200", PREFIX + "chunking.chunk-overlap=200");
		assertReported(PREFIX + "loading.column=", PREFIX + "loading.column");
		assertReported(PREFIX + "embedding.provider=openai", PREFIX + "embedding.model");
		assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isZero();
	}

	@Test
	void propertiesTheServerRejectsNameTheKeyAndChangeNothing() {
		assertInvalid(PREFIX + "loading.column=missing", PREFIX + "loading.column");
		assertInvalid(PREFIX + "source=no_such_table", PREFIX + "source");
		assertInvalid(PREFIX + "formatting.template=$title by $author: $chunk", PREFIX + "formatting.template");
		assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isZero();
	}

	@Test
	void aTemplateNamingAMissingColumnFailsStartupListingTheTablesColumns() {
		this.runner.withPropertyValues(PREFIX + "formatting.template=$title by $author: $chunk").run((context) -> {
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(PREFIX + "formatting.template",
					"uses $author, but public.posts has no column \"author\" (its columns: id, title, body)")
				.doesNotContain("loading_retries");
			assertThat(analysis.getAction()).contains("to name only $chunk and columns of posts",
					"the migrations before it were applied");
		});
	}

	private void assertReported(String property, String expected) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Invalid pgai configuration").contains(expected);
			assertThat(analysis.getAction()).contains("e.g.");
		});
	}

	private void assertInvalid(String property, String expectedKey) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causeOfType(context.getStartupFailure(), InvalidVectorizerPropertyException.class).getProperty())
				.isEqualTo(expectedKey);
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(expectedKey);
			assertThat(analysis.getAction()).contains("The vectorizer was not created or changed");
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
