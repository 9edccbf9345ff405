package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.catalog.CatalogInstallation;
import io.github.pgaispring.testsupport.AiSchemaSnapshot;
import io.github.pgaispring.testsupport.FailureReports;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PgaiInstall;
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

/**
 * Vectorizers declared in yml on a database that pgai's own installer prepared: the starter adds only its additions
 * and creates the vectorizer with pgai's {@code ai.create_vectorizer}; what pgai's function cannot do fails startup with
 * a report that says so and what to declare instead.
 */
@PostgresTest
class PgaiOwnCatalogVectorizersTests {

	private static final String PREFIX = "pgai.vectorizers.posts_content.";

	private ApplicationContextRunner runner;

	private JdbcTemplate jdbc;

	@BeforeEach
	void preparePgaisCatalog(FreshDatabase database) throws Exception {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists posts cascade");
		this.jdbc.execute("create table posts (id bigint primary key, title text, body text)");
		this.jdbc.execute("insert into posts values (1, 'Hello', 'First post')");
		PgaiInstall.install(database.dataSource(), PgaiInstall.VERSION);
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, PgaiCatalogAutoConfiguration.class,
					PgaiVectorizersAutoConfiguration.class))
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues(PREFIX + "source=posts", PREFIX + "loading.column=body",
					PREFIX + "formatting.template=$title - $chunk");
	}

	@Test
	void aDeclaredVectorizerIsCreatedWithPgaisFunctionWhichTheStarterLeavesAlone() {
		AiSchemaSnapshot pgais = AiSchemaSnapshot.of(this.jdbc.getDataSource());
		this.runner
			.withPropertyValues(PREFIX + "embedding.provider=openai", PREFIX + "embedding.model=text-embedding-3-small",
					PREFIX + "embedding.dimensions=384")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PgaiCatalogInitializer.class).getInstallation().sqlApi())
					.isEqualTo(CatalogInstallation.SqlApi.PGAI);
				assertThat(this.jdbc.queryForObject("select config->'embedding'->>'implementation' || ':'"
						+ " || (config->'formatting'->>'template') || ':' || (config->>'version') from ai.vectorizer"
						+ " where name = 'posts_content'", String.class))
					.isEqualTo("openai:$title - $chunk:0.12.1");
				assertThat(this.jdbc.queryForObject("select count(*) from ai._vectorizer_q_1", Integer.class))
					.isEqualTo(1);
			});
		AiSchemaSnapshot after = AiSchemaSnapshot.of(this.jdbc.getDataSource());
		assertThat(after.changedSince(pgais)).as("pgai's objects").isEmpty();
		assertThat(after.addedSince(pgais)).contains("function ai.embedding_onnx(text,integer)",
				"relation ai._vectorizer_q_1", "function ai._vectorizer_src_trg_1()");
		this.runner
			.withPropertyValues(PREFIX + "embedding.provider=openai", PREFIX + "embedding.model=text-embedding-3-small",
					PREFIX + "embedding.dimensions=384")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isOne();
	}

	@Test
	void anInProcessModelFailsStartupSayingThatPgaisFunctionRejectsItAndWhatToDeclare() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(PREFIX + "embedding.provider",
					"invalid embedding implementation: \"onnx\"");
			assertThat(analysis.getAction()).contains("ai.create_vectorizer is pgai's own (pgai's own functions, installed"
					+ " by pgai install, version 0.12.1, with the starter's additions)",
					"Set " + PREFIX + "embedding.provider to openai or ollama", "the migrations before it were applied")
				.doesNotContain("nothing was changed");
		});
		assertThat(this.jdbc.queryForObject("select count(*) from ai.vectorizer", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("select to_regprocedure('ai.embedding_onnx(text, integer)') is not null",
				Boolean.class)).as("the additions were installed").isTrue();
	}

	@Test
	void aSpringAiEmbeddingFailsStartupSayingThatPgaisFunctionRejectsItAndHowToStoreIt() {
		this.runner.withPropertyValues(PREFIX + "embedding.provider=spring-ai", PREFIX + "embedding.dimensions=384")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(PREFIX + "embedding.provider",
						"invalid embedding implementation: \"spring_ai\"");
				assertThat(analysis.getAction()).contains("not the starter's spring-ai embeddings",
						"store its embedding with ai.embedding_spring_ai or ai.embedding_custom in the same transaction");
			});
		assertThat(this.jdbc.queryForObject("select ai.embedding_spring_ai(dimensions => 384)->>'implementation'",
				String.class)).as("the additions were installed on pgai's catalog").isEqualTo("spring_ai");
	}

	@Test
	void withoutTheCatalogInstallerTheMissingAdditionsAreNamed() {
		this.runner.withPropertyValues("pgai.catalog.install=false").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(PREFIX + "embedding.provider", "ai.embedding_onnx",
					"pgai's own functions, installed by pgai install, version 0.12.1)");
			assertThat(analysis.getAction()).contains("remove pgai.catalog.install=false");
		});
	}

}
