package io.github.pgaispring.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import io.github.pgaispring.autoconfigure.jpafixtures.NoteApplication;
import io.github.pgaispring.autoconfigure.misspelledfixtures.MisspelledConditionApplication;
import io.github.pgaispring.catalog.CatalogInstallationException;
import io.github.pgaispring.testsupport.FailureReports;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PgaiInstall;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every startup failure of the starter arrives as a failure analysis with the fix, as Spring Boot prints it
 * (the analyzers registered in spring.factories, in Boot's order), against a real database.
 */
@PostgresTest
class PgaiFailureAnalyzersTests {

	private static final String VECTORIZER = "pgai.vectorizers.notes_body.";

	private static final String[] NO_MIGRATIONS = { "spring.liquibase.enabled=false", "spring.flyway.enabled=false" };

	private final ApplicationContextRunner catalogRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PgaiCatalogAutoConfiguration.class,
				PgaiVectorizersAutoConfiguration.class));

	private FreshDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.database = database;
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists notes, notes_embedding_store cascade");
		this.jdbc.execute("create table notes (id bigint primary key, body text)");
	}

	@Test
	void pgvectorMissing() throws Exception {
		String name = this.database.name() + "_nv";
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			// template0 has no vector extension, and only a superuser may create it
			statement.execute("create database " + name + " template template0");
		}
		try {
			FailureAnalysis analysis = failure(this.catalogRunner.withPropertyValues(
					"spring.datasource.url=" + this.database.url().replace(this.database.name(), name),
					"spring.datasource.username=" + this.database.user(),
					"spring.datasource.password=" + this.database.password()));
			assertThat(analysis.getDescription())
				.startsWith("The pgvector extension 'vector' is not installed in database " + name)
				.contains("permission denied to create extension")
				.endsWith("Nothing was changed in the database.");
			assertThat(analysis.getAction()).startsWith(
					"Install pgvector on the server and run 'create extension vector' as a superuser (see docs/database-setup.md)");
		}
		finally {
			try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
				statement.execute("drop database if exists " + name + " with (force)");
			}
		}
	}

	@Test
	void postgresqlTooOld() {
		// The server here is new enough: the analysis of the exception the installer throws for an older one
		FailureAnalysis analysis = FailureReports.analyze(new IllegalStateException("context failed",
				new CatalogInstallationException("pgai-spring requires PostgreSQL 15 or newer, but the server is 14.11",
						"upgrade the server to PostgreSQL 15 or newer", null)));
		assertThat(analysis.getDescription()).isEqualTo(
				"pgai-spring requires PostgreSQL 15 or newer, but the server is 14.11. Nothing was changed in the database.");
		assertThat(analysis.getAction())
			.isEqualTo("Upgrade the server to PostgreSQL 15 or newer (see docs/database-setup.md), then start the "
					+ "application again.");
	}

	@Test
	void foreignCatalogInTheWay() {
		this.jdbc.execute("create schema ai");
		this.jdbc.execute("create table ai.vectorizer (id int)");
		FailureAnalysis analysis = failure(this.catalogRunner.withPropertyValues(this.database.springPropertyValues()));
		assertThat(analysis.getDescription()).startsWith("The database has an ai.vectorizer table that neither");
		assertThat(analysis.getAction()).startsWith("Upgrade it with 'pgai install' (pgai >= 0.10) or drop the ai schema");
	}

	@Test
	void catalogInstallFailing() {
		this.jdbc.execute("create schema ai");
		this.jdbc.execute("create table ai.pgai_spring_migration (id int)");
		FailureAnalysis analysis = failure(this.catalogRunner.withPropertyValues(this.database.springPropertyValues()));
		assertThat(analysis.getDescription()).startsWith("Installing the pgai-spring ai catalog failed")
			.contains("does not exist");
		assertThat(analysis.getAction()).contains("spring.datasource.username", "pgai.catalog.install=false");
	}

	@Test
	void providerFunctionTheCatalogLacks() throws Exception {
		// A catalog as pgai install leaves it, without the starter's additions (ai.embedding_onnx: pgai has no
		// in-process models), which the starter's installer would add if it ran
		PgaiInstall.install(this.database.dataSource(), PgaiInstall.VERSION);
		FailureAnalysis analysis = failure(this.catalogRunner.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues("pgai.catalog.install=false", VECTORIZER + "source=notes",
					VECTORIZER + "loading.column=body"));
		assertThat(analysis.getDescription()).contains(VECTORIZER + "embedding.provider")
			.contains("this database's ai catalog (pgai's own functions, installed by pgai install, version 0.12.1)"
					+ " lacks a function that provider onnx or the starter's additions need")
			.contains("ai.embedding_onnx");
		assertThat(analysis.getAction()).contains("remove pgai.catalog.install=false", VECTORIZER + "embedding.provider=openai")
			.contains("The vectorizer was not created or changed");
	}

	@Test
	void templateTheServerRejects() {
		this.jdbc.execute("alter table notes add column chunk text");
		FailureAnalysis analysis = failure(this.catalogRunner.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
					VECTORIZER + "formatting.template=$chunk (note)"));
		assertThat(analysis.getDescription()).startsWith("Invalid vectorizer property " + VECTORIZER + "formatting.template")
			.contains("column named \"chunk\"");
		assertThat(analysis.getAction()).contains("Correct " + VECTORIZER + "formatting.template (currently '$chunk (note)')")
			.contains("The vectorizer was not created or changed");
	}

	@Test
	void storeWithoutVectorizer() {
		FailureAnalysis analysis = failure(noteApplication());
		assertThat(analysis.getDescription()).isEqualTo("Embedding stores and vectorizers disagree:\n  @Vectorized mapping"
				+ " Note -> NoteBodyEmbedding (table notes_embedding_store) has no vectorizer writing its store");
		assertThat(analysis.getAction()).isEqualTo("Declare one under pgai.vectorizers.<name> with source: notes and"
				+ " loading.column: <text column>, or create it with ai.create_vectorizer in a migration.");
	}

	@Test
	void dimensionsDisagree() {
		FailureAnalysis analysis = failure(noteApplication().withPropertyValues(VECTORIZER + "source=notes",
				VECTORIZER + "loading.column=body", VECTORIZER + "embedding.provider=openai",
				VECTORIZER + "embedding.model=text-embedding-3-small", VECTORIZER + "embedding.dimensions=768"));
		assertThat(analysis.getDescription()).contains("declares dimensions = 384, but vectorizer 'notes_body' stores"
				+ " 768-dimensional embeddings (openai text-embedding-3-small)");
		assertThat(analysis.getAction()).isEqualTo("Set @Vectorized(dimensions = 768) or change the vectorizer's"
				+ " embedding dimensions.");
	}

	@Test
	void misspelledConditionOfANearestQueryMethod() {
		FailureAnalysis analysis = failure(new ApplicationContextRunner()
			.withUserConfiguration(MisspelledConditionApplication.class)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues(NO_MIGRATIONS)
			.withPropertyValues("pgai.worker.enabled=false", "spring.jpa.hibernate.ddl-auto=validate",
					VECTORIZER + "source=notes", VECTORIZER + "loading.column=body"));
		assertThat(analysis.getDescription())
			.startsWith("Invalid nearest-neighbour query method NoteSearch.findNearestByCosineAndParentBdy: the condition"
					+ " 'ParentBdy' does not parse")
			.endsWith("did you mean ParentBody?");
		assertThat(analysis.getAction()).startsWith(
				"Name the condition after an existing property: did you mean ParentBody? Nearest-neighbour methods read");
	}

	private ApplicationContextRunner noteApplication() {
		return new ApplicationContextRunner().withUserConfiguration(NoteApplication.class)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues(NO_MIGRATIONS)
			.withPropertyValues("pgai.worker.enabled=false", "spring.jpa.hibernate.ddl-auto=validate");
	}

	private static FailureAnalysis failure(ApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = FailureReports.analyze(context.getStartupFailure());
		});
		return analysis[0];
	}

}
